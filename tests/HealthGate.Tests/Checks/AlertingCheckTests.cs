using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The <c>alerting</c> check against a real Prometheus loading the project's own alert rules and rules that fail or
/// are never evaluated; answers Prometheus would not give come from a stand-in in its documented format.
/// </summary>
public sealed class AlertingCheckTests(AlertingPrometheus prometheus) : IClassFixture<AlertingPrometheus>
{
    private readonly string _url = prometheus.Server.BaseUrl;

    [Fact]
    public async Task EveryAlertOfTheProjectRulesLoadedIsHealthy()
    {
        Assert.Contains("HealthGateP0CheckUnhealthy", AlertingPrometheus.ProjectAlerts);

        var check = await RunAsync(("Url", _url), ("RequiredAlerts", AlertingPrometheus.ProjectAlerts));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.Equal(AlertingPrometheus.ProjectAlerts.Length + 4, check.Data("alertRules").GetInt32());
    }

    [Fact]
    public async Task AnAlertPrometheusDoesNotHaveIsMissingAndNamed()
    {
        var check = await RunAsync(("Url", _url + "/"), ("RequiredAlerts", Names("HealthGateNotReady", "DeskPnlLimitBreached", "healthgatenotready")));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("missing_alert_rules", check.Reason());
        // Names compare as Prometheus compares them: exactly.
        Assert.Equal(["DeskPnlLimitBreached", "healthgatenotready"], check.Data("missing").Strings());
        Assert.Contains("DeskPnlLimitBreached", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordingRuleOfTheNameIsNotAnAlert()
    {
        var check = await RunAsync(("Url", _url), ("RequiredAlerts", Names(AlertingPrometheus.RecordingOnly)));

        Assert.Equal("missing_alert_rules", check.Reason());
    }

    [Fact]
    public async Task AFiringRequiredAlertIsUnhealthyWithFailOnFiring()
    {
        var check = await RunAsync(("Url", _url), ("FailOnFiring", true), ("RequiredAlerts", Names("HealthGateNotReady", AlertingPrometheus.AlwaysFiring)));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("alert_firing", check.Reason());
        Assert.Equal([AlertingPrometheus.AlwaysFiring], check.Data("firing").Strings());
    }

    [Fact]
    public async Task AFiringAlertOnlyCountsWhenFailOnFiringIsSet()
    {
        var check = await RunAsync(("Url", _url), ("RequiredAlerts", Names(AlertingPrometheus.AlwaysFiring)));

        Assert.Equal("Healthy", check.Status());
    }

    [Fact]
    public async Task AFiringAlertThatIsNotRequiredDoesNotBlock()
    {
        var check = await RunAsync(("Url", _url), ("FailOnFiring", true), ("RequiredAlerts", Names("HealthGateNotReady")));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
    }

    [Fact]
    public async Task APendingRequiredAlertIsDegradedWithFailOnFiring()
    {
        var check = await RunAsync(("Url", _url), ("FailOnFiring", true), ("RequiredAlerts", Names(AlertingPrometheus.AlwaysPending)));

        Assert.Equal("Degraded", check.Status());
        Assert.Equal("alert_pending", check.Reason());
        Assert.Equal([AlertingPrometheus.AlwaysPending], check.Data("pending").Strings());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARuleWhoseQueryFailsAtEveryEvaluationIsAlertRuleUnhealthyNotLoadedAndQuiet(bool failOnFiring)
    {
        var check = await RunAsync(("Url", _url), ("FailOnFiring", failOnFiring), ("RequiredAlerts", Names("HealthGateNotReady", AlertingPrometheus.FailsToEvaluate)));

        Assert.Equal(("Unhealthy", "alert_rule_unhealthy"), (check.Status(), check.Reason()));
        Assert.Equal([AlertingPrometheus.FailsToEvaluate], check.Data("unhealthy").Strings());
        // Prometheus's own error is shown, so the operator can fix the rule.
        Assert.Contains($"{AlertingPrometheus.FailsToEvaluate} (err: ", check.Description(), StringComparison.Ordinal);
        Assert.Contains("duplicate series", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARuleNeverEvaluatedIsAlertRuleUnhealthy()
    {
        var check = await RunAsync(("Url", _url), ("RequiredAlerts", Names(AlertingPrometheus.NeverEvaluated)));

        Assert.Equal(("Unhealthy", "alert_rule_unhealthy"), (check.Status(), check.Reason()));
        Assert.Contains($"{AlertingPrometheus.NeverEvaluated} (unknown)", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnevaluatedRuleThatIsNotRequiredDoesNotBlock()
    {
        var check = await RunAsync(("Url", _url), ("FailOnFiring", true), ("RequiredAlerts", Names("HealthGateNotReady")));

        Assert.Equal(("Healthy", "ok"), (check.Status(), check.Reason()));
    }

    [Theory]
    [InlineData("err")]
    [InlineData("unknown")]
    [InlineData("OK")]
    [InlineData("ok ")]
    [InlineData("")]
    [InlineData("warning")]
    public async Task AnyHealthOtherThanOkIsAlertRuleUnhealthy(string health)
    {
        var check = await RunOnStandInAsync(Rule("A", "inactive", $"\"{health}\""));

        Assert.Equal(("Unhealthy", "alert_rule_unhealthy"), (check.Status(), check.Reason()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("true")]
    public async Task ARuleWithoutAHealthStringIsInvalidResponse(string? health)
    {
        var check = await RunOnStandInAsync(Rule("A", "inactive", health));

        Assert.Equal(("Unhealthy", "invalid_response"), (check.Status(), check.Reason()));
    }

    [Fact]
    public async Task OneCopyOfARuleThatCannotBeEvaluatedIsUnhealthyWhateverTheOtherCopies()
    {
        var check = await RunOnStandInAsync(Rule("A", "inactive", "\"ok\""), Rule("A", "inactive", "\"err\""));

        Assert.Equal("alert_rule_unhealthy", check.Reason());
    }

    [Fact]
    public async Task AClosedPortIsUnreachable()
    {
        var check = await RunAsync(("Url", $"http://127.0.0.1:{FreePort.Next()}"), ("RequiredAlerts", Names("HealthGateNotReady")));

        Assert.Equal("unreachable", check.Reason());
    }

    [Fact]
    public async Task TheBearerTokenIsSentAndNeverShown()
    {
        const string token = "prom-Token-7Hq2";
        await using var standIn = new HttpStandIn();
        await standIn.InitializeAsync();
        string? authorization = null;
        standIn.Respond("/api/v1/rules", async context =>
        {
            authorization = context.Request.Headers.Authorization;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"status":"success","data":{"groups":[{"name":"g","rules":[{"type":"alerting","name":"A","state":"inactive","health":"ok","alerts":[]}]}]}}""");
        });
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With(Check("alerts", "alerting", "P1", ("Url", standIn.BaseUrl), ("Token", token), ("RequiredAlerts", Names("A"))));
        await using var logged = app.CapturingLogs(logs);
        using var client = logged.CreateClient();

        var body = await (await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative))).Content.ReadAsStringAsync();

        Assert.Equal($"Bearer {token}", authorization);
        Assert.Contains("\"reason\":\"ok\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal) || e.Properties.Values.Any(v => v?.ToString()?.Contains(token, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task BasicCredentialsAreSentAsBasicAuth()
    {
        await using var standIn = new HttpStandIn();
        await standIn.InitializeAsync();
        string? authorization = null;
        standIn.Respond("/api/v1/rules", async context =>
        {
            authorization = context.Request.Headers.Authorization;
            await context.Response.WriteAsync("""{"status":"success","data":{"groups":[]}}""");
        });

        var check = await RunAsync(("Url", standIn.BaseUrl), ("Username", "ops"), ("Password", "pw-Secret-9"), ("RequiredAlerts", Names("A")));

        Assert.Equal("Basic " + Convert.ToBase64String("ops:pw-Secret-9"u8.ToArray()), authorization);
        Assert.Equal("missing_alert_rules", check.Reason());
        Assert.DoesNotContain("pw-Secret-9", check.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"error","errorType":"bad_data","error":"boom"}""")]
    [InlineData("""{"status":"error","errorType":"unavailable","error":"rule manager stopping","data":{"groups":[{"name":"g","rules":[{"type":"alerting","name":"A","state":"inactive"}]}]}}""")]
    [InlineData("""{"status":"Success","data":{"groups":[{"name":"g","rules":[{"type":"alerting","name":"A","state":"inactive"}]}]}}""")]
    [InlineData("""{"status":"success"}""")]
    [InlineData("""{"status":"success","data":{"groups":{}}}""")]
    [InlineData("""{"status":"success","data":{"groups":[{"name":"g"}]}}""")]
    [InlineData("""{"status":"success","data":{"groups":[{"name":"g","rules":[{"type":"alerting","name":"A","state":"silenced"}]}]}}""")]
    [InlineData("""{"status":"success","data":{"groups":[{"name":"g","rules":[{"type":"alerting","state":"inactive"}]}]}}""")]
    [InlineData("""{"status":"success","data":{"groups":[{"name":"g","rules":[{"name":"A","state":"inactive"}]}]}}""")]
    [InlineData("""{"status":"success","data":{"groups":[{"name":"g","rules":[{"type":"alerting","name":"A","state":"firing","state":"inactive"}]}]}}""")]
    [InlineData("""{"status":"success","status":"error","data":{"groups":[]}}""")]
    [InlineData("""["success"]""")]
    [InlineData("""<html>Prometheus</html>""")]
    public async Task AnAnswerThatIsNotTheDocumentedShapeIsInvalidResponse(string body)
    {
        await using var standIn = new HttpStandIn();
        await standIn.InitializeAsync();
        standIn.Respond("/api/v1/rules", 200, body);

        var check = await RunAsync(("Url", standIn.BaseUrl), ("FailOnFiring", true), ("RequiredAlerts", Names("A")));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("invalid_response", check.Reason());
    }

    [Theory]
    [InlineData("RequiredAlerts:0=A", "HealthGate:Checks:alerts:Url: is required")]
    [InlineData("Url=http://127.0.0.1:9090/?x=1;RequiredAlerts:0=A", "HealthGate:Checks:alerts:Url: must be a base URL")]
    [InlineData("Url=http://127.0.0.1:9090", "HealthGate:Checks:alerts:RequiredAlerts: list the alert rules")]
    [InlineData("Url=http://127.0.0.1:9090;RequiredAlerts:0= ", "HealthGate:Checks:alerts:RequiredAlerts: must not contain empty")]
    [InlineData("Url=http://127.0.0.1:9090;RequiredAlerts:0=A;RequiredAlerts:1=A", "HealthGate:Checks:alerts:RequiredAlerts: must not name an item twice")]
    [InlineData("Url=http://127.0.0.1:9090;RequiredAlerts:0=A;Password=pw", "HealthGate:Checks:alerts:Username: is required with Password")]
    [InlineData("Url=http://127.0.0.1:9090;RequiredAlerts:0=A;Token=t0ken;Username=ops;Password=pw", "HealthGate:Checks:alerts:Token: set either Token or Username and Password")]
    [InlineData("Url=http://127.0.0.1:9090;RequiredAlerts:0=A;FailOnFiring=sometimes", "HealthGate:Checks:alerts:FailOnFiring")]
    public void BadConfigurationIsRefusedNamingTheKey(string settings, string expected)
    {
        var keys = settings.Split(';').Select(pair => pair.Split('=', 2)).Select(pair => (pair[0], (object?)pair[1])).ToArray();

        var errors = CheckJson.ConfigErrors(Check("alerts", "alerting", "P1", keys));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("alerts", "alerting", "P1", keys));
        return await CheckJson.RunAsync(app, "alerts");
    }

    private static string[] Names(params string[] names) => names;

    /// <summary>An alerting rule as /api/v1/rules lists it; <paramref name="health"/> is raw JSON, null leaves it out.</summary>
    private static string Rule(string name, string state, string? health) =>
        $$"""{"type":"alerting","name":"{{name}}","state":"{{state}}","query":"vector(1)","duration":0,"labels":{},"annotations":{},"alerts":[]{{(health is null ? "" : $",\"health\":{health}")}},"lastError":"","evaluationTime":0.0001,"lastEvaluation":"2026-12-01T10:00:00Z"}""";

    private static async Task<JsonElement> RunOnStandInAsync(params string[] rules)
    {
        await using var standIn = new HttpStandIn();
        await standIn.InitializeAsync();
        standIn.Respond("/api/v1/rules", 200, """{"status":"success","data":{"groups":[{"name":"g","file":"rules.yml","interval":1,"rules":[""" + string.Join(',', rules) + "]}]}}");
        return await RunAsync(("Url", standIn.BaseUrl), ("FailOnFiring", true), ("RequiredAlerts", Names("A")));
    }
}
