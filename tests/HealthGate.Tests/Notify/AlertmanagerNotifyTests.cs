using System.Diagnostics;
using System.Text.Json;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Notify;

/// <summary>A real Alertmanager receives a failing root cause within 5 s, with the contract's labels, and its recovery.</summary>
public sealed class AlertmanagerNotifyTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    [Fact]
    public async Task AFailingP0RootCauseIsInAlertmanagerWithin5SecondsWithItsLabelsAndIsResolvedAfterRecovery()
    {
        await using var alertmanager = new AlertmanagerServer();
        await alertmanager.StartAsync();
        var path = $"/{Guid.NewGuid():N}/core";
        fixture.StandIn.Respond(path, 503, "down");
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", fixture.StandIn.Url(path))),
            .. Check("orders", "http", "P0", ("Url", fixture.StandIn.Url(path)), DependsOn("core")),
            ("Notify:Targets:am:Type", "alertmanager"),
            ("Notify:Targets:am:Url", alertmanager.BaseUrl),
        ]);
        using var client = app.CreateClient();

        var failed = Stopwatch.StartNew();
        await Preflights.GetPreflightAsync(app, "live");
        JsonElement alert = default;
        await ProcessRunner.WaitUntilAsync(
            async () => (alert = (await alertmanager.AlertsAsync()).FirstOrDefault(a => Label(a, "check") == "core")).ValueKind != JsonValueKind.Undefined,
            TimeSpan.FromSeconds(5),
            $"the core alert in Alertmanager\n{alertmanager.Output}");
        var delivered = failed.Elapsed;

        Assert.True(delivered < TimeSpan.FromSeconds(5), $"{delivered}");
        Assert.Equal(
            ["alertname=HealthGateCheckFailed", "check=core", "desk=default", "severity=critical", "tier=P0", "type=http"],
            alert.GetProperty("labels").EnumerateObject().Select(l => $"{l.Name}={l.Value.GetString()}").Order(StringComparer.Ordinal));
        Assert.Contains("orders", alert.GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        await ProcessRunner.WaitUntilAsync(
            async () => (await alertmanager.AlertsAsync()).Any(a => Label(a, "alertname") == "HealthGateNoGo" && Label(a, "mode") == "live"),
            TimeSpan.FromSeconds(5),
            "the live NO-GO alert in Alertmanager");
        Assert.DoesNotContain(await alertmanager.AlertsAsync(), a => Label(a, "check") == "orders");

        fixture.StandIn.Respond(path, 200, "ok");
        var recovered = Stopwatch.StartNew();
        await Preflights.GetPreflightAsync(app, "live");
        await ProcessRunner.WaitUntilAsync(
            async () => !(await alertmanager.AlertsAsync()).Any(a => Label(a, "check") == "core" || Label(a, "alertname") == "HealthGateNoGo"),
            TimeSpan.FromSeconds(5),
            $"the core alert resolved in Alertmanager\n{alertmanager.Output}");

        Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(5), $"{recovered.Elapsed}");
    }

    private static string? Label(JsonElement alert, string name) =>
        alert.GetProperty("labels").TryGetProperty(name, out var value) ? value.GetString() : null;
}
