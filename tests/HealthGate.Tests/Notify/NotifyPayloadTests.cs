using System.Text;
using System.Text.Json;
using HealthGate.Notify;

namespace HealthGate.Tests.Notify;

/// <summary>PagerDuty Events v2, Slack and a signed webhook get their documented payloads, field by field, and no secret leaks.</summary>
public sealed class NotifyPayloadTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private const string RoutingKey = "pd-routing-key-0a1b2c3d";
    private const string HookSecret = "hook-secret-9f8e7d6c";

    [Fact]
    public async Task PagerDutySlackAndAWebhookGetTheirDocumentedPayloadsForAFailureAndItsRecovery()
    {
        var prefix = $"/{Guid.NewGuid():N}";
        await using var gate = new NotifyScenario(
            fixture.StandIn,
            ("Notify:Targets:pd:Type", "pagerduty"),
            ("Notify:Targets:pd:Url", fixture.StandIn.Url(prefix + "/pd")),
            ("Notify:Targets:pd:RoutingKey", RoutingKey),
            ("Notify:Targets:chat:Type", "slack"),
            ("Notify:Targets:chat:Url", fixture.StandIn.Url(prefix + "/slack/T0001/B0001/slack-token-5e6f")),
            ("Notify:Targets:hook:Type", "webhook"),
            ("Notify:Targets:hook:Url", fixture.StandIn.Url(prefix + "/hook-7a8b")),
            ("Notify:Targets:hook:Secret", HookSecret));
        var pd = new Receiver(fixture.StandIn, prefix + "/pd", success: 202);
        var slack = new Receiver(fixture.StandIn, prefix + "/slack/T0001/B0001/slack-token-5e6f");
        var hook = new Receiver(fixture.StandIn, prefix + "/hook-7a8b");

        await gate.PreflightAsync(healthy: false);
        await NotifyScenario.WaitAsync(() => Has(pd, "core", "trigger") && Has(slack, "core", "FIRING") && Has(hook, "core", "trigger"), "the failure at every target");
        await gate.PreflightAsync(healthy: true);
        await NotifyScenario.WaitAsync(() => Has(pd, "core", "resolve") && Has(slack, "core", "RESOLVED") && Has(hook, "core", "resolve"), "the recovery at every target");

        var trigger = pd.Accepted.Select(r => r.Json).First(j => j.GetProperty("dedup_key").GetString() == "healthgate/default/core");
        Assert.Equal(RoutingKey, trigger.GetProperty("routing_key").GetString());
        Assert.Equal("trigger", trigger.GetProperty("event_action").GetString());
        var payload = trigger.GetProperty("payload");
        Assert.StartsWith("[default] P0 check core is Unhealthy", payload.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(("healthgate/default", "critical", "core"), (payload.GetProperty("source").GetString(), payload.GetProperty("severity").GetString(), payload.GetProperty("component").GetString()));
        Assert.Equal("P0", payload.GetProperty("custom_details").GetProperty("tier").GetString());
        var resolve = pd.Accepted.Select(r => r.Json).Last(j => j.GetProperty("dedup_key").GetString() == "healthgate/default/core");
        Assert.Equal(["client", "dedup_key", "event_action", "routing_key"], resolve.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("resolve", resolve.GetProperty("event_action").GetString());
        Assert.Contains(pd.Accepted, r => r.Json.GetProperty("dedup_key").GetString() == "healthgate/default/verdict/live");

        var firing = slack.Accepted.Select(r => r.Json).First(j => j.GetProperty("text").GetString()!.Contains("check core", StringComparison.Ordinal));
        Assert.StartsWith(":rotating_light: FIRING [default] P0 check core is Unhealthy", firing.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = firing.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(("section", "mrkdwn"), (blocks[0].GetProperty("type").GetString(), blocks[0].GetProperty("text").GetProperty("type").GetString()));
        Assert.Equal("context", blocks[^1].GetProperty("type").GetString());

        foreach (var request in hook.Accepted)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(HookSecret), request.Body));
            Assert.Equal(expected, request.Headers[WebhookFormat.SignatureHeader]);
            Assert.Equal(request.Json.GetProperty("dedupKey").GetString(), request.Headers[WebhookFormat.DedupHeader]);
            Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        }

        var hookTrigger = hook.Accepted.Select(r => r.Json).First(j => j.TryGetProperty("check", out var c) && c.GetString() == "core");
        Assert.Equal(("trigger", "check", "default", "P0", "http", "critical"), (S(hookTrigger, "action"), S(hookTrigger, "subject"), S(hookTrigger, "desk"), S(hookTrigger, "tier"), S(hookTrigger, "type"), S(hookTrigger, "severity")));
        Assert.Equal("healthgate/default/check:core/1/trigger", S(hookTrigger, "dedupKey"));

        // No secret in a response, a metric or a log line.
        var config = await gate.Client.GetStringAsync(new Uri("/config", UriKind.Relative));
        var metrics = await Exposition.ScrapeAsync(gate.Client);
        var logs = string.Join('\n', gate.Logs.Entries.Select(e => e.Message));
        foreach (var secret in new[] { RoutingKey, HookSecret, "slack-token-5e6f", "hook-7a8b" })
        {
            Assert.False(config.Contains(secret, StringComparison.Ordinal), config);
            Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }

        // The worker counts a delivery once it has read the answer, which can be after the stand-in recorded the request.
        await ProcessRunner.WaitUntilAsync(
            async () => (await Exposition.ScrapeAsync(gate.Client)).Contains("healthgate_notifications_total{target=\"hook\",outcome=\"delivered\"} 4\n", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the webhook's 4 deliveries counted");
    }

    private static string? S(JsonElement json, string name) => json.GetProperty(name).GetString();

    private static bool Has(Receiver receiver, string check, string action) =>
        receiver.Accepted.Any(r => Encoding.UTF8.GetString(r.Body) is var body && body.Contains(check, StringComparison.Ordinal) && body.Contains(action, StringComparison.Ordinal)
            && !body.Contains("verdict/", StringComparison.Ordinal) && (action != "trigger" || !body.Contains("\"resolve\"", StringComparison.Ordinal)));
}
