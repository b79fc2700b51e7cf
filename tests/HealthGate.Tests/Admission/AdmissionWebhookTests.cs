using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static HealthGate.Tests.Admission.AdmissionReviews;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.LifecycleTests;

namespace HealthGate.Tests.Admission;

/// <summary>
/// <c>POST /admission/v1/validate</c> with reviews shaped as the API server sends them, against real runs of the gate
/// (a P0, a P1 and a P2 check on a stand-in) and real overrides approved by people with their own keys.
/// </summary>
public sealed class AdmissionWebhookTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Theory]
    [InlineData("CREATE", false)]
    [InlineData("UPDATE", false)]
    [InlineData("CREATE", true)]
    [InlineData("UPDATE", true)]
    public async Task AFreshPassAdmitsTheLiveObjectEchoingTheUid(string operation, bool dryRun)
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("PASS");

        var (status, review) = await ReviewAsync(gate, Review(operation, Labels("live"), dryRun, uid: "b7c1e2d3-0001"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("admission.k8s.io/v1", "AdmissionReview"), (review.GetProperty("apiVersion").GetString(), review.GetProperty("kind").GetString()));
        var response = review.GetProperty("response");
        Assert.Equal("b7c1e2d3-0001", response.GetProperty("uid").GetString());
        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("status", out _));
    }

    [Fact]
    public async Task AP2WarnIsAGoThatAdmitsWithAWarningNamingTheCheck()
    {
        await using var gate = WithPeople(_standIn);
        var run = await gate.RunAsync("P2_WARN");

        var response = await ResponseAsync(gate, Review("CREATE", Labels("live")));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        var warning = Assert.Single(response.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains(run, warning, StringComparison.Ordinal);
        Assert.Contains("cosmetic (P2 unexpected_status)", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE", false)]
    [InlineData("UPDATE", false)]
    [InlineData("UPDATE", true)]
    public async Task AP1FailDeniesWith403NamingTheFailingCheckAndTheRun(string operation, bool dryRun)
    {
        await using var gate = WithPeople(_standIn);
        var run = await gate.RunAsync("P1_FAIL");

        var response = await ResponseAsync(gate, Review(operation, Labels("live"), dryRun));

        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Equal(403, response.GetProperty("status").GetProperty("code").GetInt32());
        var message = response.GetProperty("status").GetProperty("message").GetString()!;
        Assert.Contains($"run {run}", message, StringComparison.Ordinal);
        Assert.Contains("is P1_FAIL, failing feed (P1 unexpected_status)", message, StringComparison.Ordinal);
        Assert.Contains("Deployment trading/executor", message, StringComparison.Ordinal);
        Assert.DoesNotContain("core", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheObjectsModeDecidesAPaperObjectIsAdmittedWhileLiveIsNoGo()
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("P1_FAIL");
        await gate.RunAsync("PASS", mode: "paper");

        Assert.True((await ResponseAsync(gate, Review("CREATE", Labels("paper")))).GetProperty("allowed").GetBoolean());
        Assert.False((await ResponseAsync(gate, Review("CREATE", Labels("live")))).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task WithNoRecordedRunTheObjectIsDenied()
    {
        await using var gate = WithPeople(_standIn);

        var message = await DeniedAsync(gate, Review("CREATE", Labels("live")));

        Assert.Contains("no live preflight is recorded", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGoPastItsExpiryDenies()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        await using var gate = new GateScenario(_standIn, People(("Preflight:VerdictTtlSeconds", 60)), services => services.AddSingleton<TimeProvider>(clock));
        var run = await gate.RunAsync("PASS");
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True((await ResponseAsync(gate, Review("CREATE", Labels("live")))).GetProperty("allowed").GetBoolean());

        clock.Advance(TimeSpan.FromSeconds(1));

        var message = await DeniedAsync(gate, Review("CREATE", Labels("live")));
        Assert.Contains($"the live GO of run {run} expired at", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGoRecordedUnderAnotherConfigurationDenies()
    {
        using var store = new TempDirectory();
        var connection = ("Storage:ConnectionString", (object?)$"Data Source={Path.Combine(store.Path, "healthgate.db")}");
        string run;
        await using (var before = new GateScenario(_standIn, People(connection)))
        {
            run = await before.RunAsync("PASS");
            Assert.True((await ResponseAsync(before, Review("CREATE", Labels("live")))).GetProperty("allowed").GetBoolean());
        }

        // Another scenario points its checks at other stand-in paths: the same store, another configHash.
        await using var after = new GateScenario(_standIn, People(connection));

        var message = await DeniedAsync(after, Review("CREATE", Labels("live")));
        Assert.Contains($"run {run} ran under configuration", message, StringComparison.Ordinal);
        Assert.Contains("configuration changed to", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApprovedUnusedForceStartAdmitsAndOnceUsedNoLonger()
    {
        await using var gate = WithPeople(_standIn);
        var run = await gate.RunAsync("P1_FAIL");
        var id = (await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", run), "olga"))).GetProperty("id").GetInt64();
        await OkAsync(await gate.DecideAsync(id, "approve", "jane"));
        Assert.False((await ResponseAsync(gate, Review("CREATE", Labels("live")))).GetProperty("allowed").GetBoolean());
        await OkAsync(await gate.DecideAsync(id, "approve", "bob"));

        var admitted = await ResponseAsync(gate, Review("CREATE", Labels("live")));

        Assert.True(admitted.GetProperty("allowed").GetBoolean());
        var warning = Assert.Single(admitted.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains($"approved override {id} (force_start, ticket CHG-42, approved by risk-manager (Jane Smith), cto (Bob Jones))", warning, StringComparison.Ordinal);
        Assert.Equal("approved", (await gate.GetJsonAsync($"/overrides/{id}")).GetProperty("state").GetString());

        await OkAsync(await gate.UseAsync(id, "olga"));
        var message = await DeniedAsync(gate, Review("CREATE", Labels("live")));
        Assert.Contains("is P1_FAIL, failing feed", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApprovedSkipAdmitsButNothingOverridesAP0Fail()
    {
        await using var gate = WithPeople(_standIn);
        var id = (await CreatedAsync(await gate.RequestAsync(Request("skip_health_check", "live", null), "olga"))).GetProperty("id").GetInt64();
        await OkAsync(await gate.DecideAsync(id, "approve", "jane"));
        await OkAsync(await gate.DecideAsync(id, "approve", "bob"));
        Assert.True((await ResponseAsync(gate, Review("CREATE", Labels("live")))).GetProperty("allowed").GetBoolean());

        await gate.RunAsync("P0_FAIL");

        var message = await DeniedAsync(gate, Review("CREATE", Labels("live")));
        Assert.Contains("is P0_FAIL, failing core (P0 unexpected_status)", message, StringComparison.Ordinal);
        Assert.EndsWith("P0 checks have no override", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "has no 'healthgate.io/mode' label")]
    [InlineData("live", "desk-b", "labelled for desk 'desk-b', and this gate serves desk 'default'")]
    [InlineData("staging", null, "'healthgate.io/mode: staging' is not a configured mode (known: live, paper)")]
    public async Task AnObjectTheGateCannotPlaceIsDeniedEvenOnAGo(string? mode, string? desk, string cause)
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("PASS");

        var message = await DeniedAsync(gate, Review("UPDATE", mode is null && desk is null ? null : Labels(mode, desk)));

        Assert.Contains(cause, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeskLabelNamingThisDeskIsAdmitted()
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("PASS");

        Assert.True((await ResponseAsync(gate, Review("CREATE", Labels("live", "default")))).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task ADeleteIsNeverGated()
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("P0_FAIL");

        Assert.True((await ResponseAsync(gate, Review("DELETE", Labels("live")))).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task AuditModeAllowsWhatItWouldDenyWithAWarningAndCountsIt()
    {
        var logs = new CapturingLoggerProvider();
        await using var gate = new GateScenario(_standIn, People(("Admission:Enforce", false)), services => services.AddSingleton<ILoggerProvider>(logs));
        var run = await gate.RunAsync("P1_FAIL");

        var response = await ResponseAsync(gate, Review("CREATE", Labels("live")));

        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.False(response.TryGetProperty("status", out _));
        var warning = Assert.Single(response.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith("AUDIT (HealthGate Admission:Enforce is false), enforcement would deny:", warning, StringComparison.Ordinal);
        Assert.Contains($"run {run}", warning, StringComparison.Ordinal);
        var metrics = await gate.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("healthgate_admission_reviews_total{mode=\"live\",decision=\"audit_deny\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("healthgate_admission_reviews_total{mode=\"live\",decision=\"deny\"} 0", metrics, StringComparison.Ordinal);
        Assert.Single(logs.WithEventId(12206));
        Assert.Contains($"run {run}", Assert.Single(logs.WithEventId(12203)).Message, StringComparison.Ordinal);
        Assert.Empty(logs.WithEventId(12202));
        Assert.False(await EnforcesAsync(gate));
    }

    [Fact]
    public async Task AnEnforcedDenialIsLoggedAndCountedAndNoAuditModeIsAnnounced()
    {
        var logs = new CapturingLoggerProvider();
        await using var gate = new GateScenario(_standIn, People(), services => services.AddSingleton<ILoggerProvider>(logs));
        var run = await gate.RunAsync("P1_FAIL");

        await DeniedAsync(gate, Review("CREATE", Labels("live"), uid: "d3n1ed-0003"));

        var entry = Assert.Single(logs.WithEventId(12202));
        Assert.Contains("d3n1ed-0003", entry.Message, StringComparison.Ordinal);
        Assert.Contains($"run {run}", entry.Message, StringComparison.Ordinal);
        Assert.Empty(logs.WithEventId(12206));
        var metrics = await gate.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("healthgate_admission_reviews_total{mode=\"live\",decision=\"deny\"} 1", metrics, StringComparison.Ordinal);
        Assert.True(await EnforcesAsync(gate));
    }

    /// <summary>What <c>/config</c> says the webhook does: an operator reads there whether it denies or only warns.</summary>
    private static async Task<bool> EnforcesAsync(GateScenario gate)
    {
        using var config = JsonDocument.Parse(await gate.Client.GetStringAsync(new Uri("/config", UriKind.Relative)));
        return config.RootElement.GetProperty("admission").GetProperty("enforce").GetBoolean();
    }

    [Theory]
    [InlineData("{\"kind\":\"AdmissionReview\",", "the body is not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"operation\":\"CREATE\",\"object\":{}}}", "the request has no uid")]
    [InlineData("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}", "has no request")]
    public async Task AReviewWithoutAUidToAnswerIsA400Problem(string body, string cause)
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("PASS");

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var answer = await gate.Client.PostAsync(new Uri("/admission/v1/validate", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains(cause, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion", "admission.k8s.io/v1beta1", "not an admission.k8s.io/v1 AdmissionReview")]
    [InlineData("kind", "ConversionReview", "not an admission.k8s.io/v1 AdmissionReview")]
    [InlineData("operation", "PATCH", "unknown operation 'PATCH'")]
    [InlineData("labels", "not a map", "metadata.labels is not a map of strings")]
    [InlineData("object", "missing", "a CREATE without an object")]
    public async Task AReviewWithAUidThatCannotBeReadIsDeniedEvenInAuditMode(string field, string value, string cause)
    {
        await using var gate = new GateScenario(_standIn, People(("Admission:Enforce", false)));
        await gate.RunAsync("PASS");
        var review = Review("CREATE", Labels("live"), uid: "c0ffee00-0002");
        var request = review["request"]!.AsObject();
        switch (field)
        {
            case "operation": request["operation"] = value; break;
            case "labels": request["object"]!["metadata"]!["labels"] = new JsonObject { ["healthgate.io/mode"] = new JsonArray("live") }; break;
            case "object": request.Remove("object"); break;
            default: review[field] = value; break;
        }

        var response = await ResponseAsync(gate, review);

        Assert.Equal("c0ffee00-0002", response.GetProperty("uid").GetString());
        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Equal(403, response.GetProperty("status").GetProperty("code").GetInt32());
        Assert.Contains(cause, response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewNamingAPropertyTwiceIsDenied()
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("PASS");
        var json = Review("CREATE", Labels("live")).ToJsonString().Replace("\"dryRun\":false", "\"dryRun\":false,\"dryRun\":true", StringComparison.Ordinal);

        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var answer = await gate.Client.PostAsync(new Uri("/admission/v1/validate", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task AReviewOfALargeObjectIsReadWhole()
    {
        await using var gate = WithPeople(_standIn);
        await gate.RunAsync("P1_FAIL");
        var review = Review("UPDATE", Labels("live"));
        review["request"]!["object"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"] = new string('x', 400 * 1024);

        var message = await DeniedAsync(gate, review);

        Assert.Contains("is P1_FAIL", message, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReviewAsync(GateScenario gate, JsonNode review)
    {
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var answer = await gate.Client.PostAsync(new Uri("/admission/v1/validate", UriKind.Relative), content);
        return (answer.StatusCode, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<JsonElement> ResponseAsync(GateScenario gate, JsonNode review)
    {
        var (status, body) = await ReviewAsync(gate, review);
        Assert.Equal(HttpStatusCode.OK, status);
        var uid = (string)review["request"]!["uid"]!;
        Assert.Equal(uid, body.GetProperty("response").GetProperty("uid").GetString());
        return body.GetProperty("response");
    }

    private static async Task<string> DeniedAsync(GateScenario gate, JsonNode review)
    {
        var response = await ResponseAsync(gate, review);
        Assert.False(response.GetProperty("allowed").GetBoolean(), response.ToString());
        Assert.Equal(403, response.GetProperty("status").GetProperty("code").GetInt32());
        return response.GetProperty("status").GetProperty("message").GetString()!;
    }
}
