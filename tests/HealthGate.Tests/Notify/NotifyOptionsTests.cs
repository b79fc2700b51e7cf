using HealthGate.Notify;
using static HealthGate.Tests.Configuration.StartupValidation;

namespace HealthGate.Tests.Notify;

public sealed class NotifyOptionsTests
{
    private static List<string> Errors(NotifyOptions options) =>
        new NotifyOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void EveryBadKeyIsNamedAndNoSecretIsQuoted()
    {
        var errors = Errors(new NotifyOptions
        {
            MinReminderMinutes = 0,
            Targets =
            {
                ["odd"] = new() { Type = "email", Url = "https://x" },
                ["am"] = new() { Type = "alertmanager" },
                ["pd"] = new() { Type = "pagerduty", Secret = "pd-secret-1" },
                ["chat"] = new() { Type = "slack", Url = "hooks.slack.com/services/T000/B000/slack-secret-2" },
                ["hook"] = new() { Type = "webhook", Url = "https://hook.example/in", Tiers = ["P9"], RoutingKey = "routing-secret-3" },
                ["bad name"] = new() { Type = "alertmanager", Url = "http://am:9093" },
            },
        });

        Assert.Equal(
        [
            "HealthGate:Notify:MinReminderMinutes",
            "HealthGate:Notify:Targets:odd:Type",
            "HealthGate:Notify:Targets:am:Url",
            "HealthGate:Notify:Targets:pd:RoutingKey",
            "HealthGate:Notify:Targets:pd:Secret",
            "HealthGate:Notify:Targets:chat:Url",
            "HealthGate:Notify:Targets:hook:Secret",
            "HealthGate:Notify:Targets:hook:RoutingKey",
            "HealthGate:Notify:Targets:hook:Tiers:0",
            "HealthGate:Notify:Targets:bad name",
        ], errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.DoesNotContain(errors, e => e.Contains("secret-", StringComparison.Ordinal));
    }

    [Fact]
    public void AValidConfigurationPassesAndAPagerDutyTargetDefaultsToTheEventsApi()
    {
        var options = new NotifyOptions
        {
            Targets =
            {
                ["am"] = new() { Type = "alertmanager", Url = "http://127.0.0.1:9093" },
                ["pd"] = new() { Type = "pagerduty", RoutingKey = "R0UT1NG", Tiers = ["P0", "p1"] },
                ["chat"] = new() { Type = "slack", Url = "https://hooks.slack.com/services/T/B/X" },
                ["hook"] = new() { Type = "webhook", Url = "https://hook.example/in", Secret = "s3cr3t", Checks = ["db"] },
            },
        };

        Assert.Empty(Errors(options));
        Assert.Equal("https://events.pagerduty.com/v2/enqueue", options.Targets["pd"].EffectiveUrl);
        Assert.Equal(["R0UT1NG", "https://hook.example/in", "https://hooks.slack.com/services/T/B/X", "s3cr3t"], options.Secrets().Order(StringComparer.Ordinal));
        Assert.DoesNotContain("http://127.0.0.1:9093", options.Secrets());
    }

    [Fact]
    public void AtStartAMisspeltKeyAndABadTargetAreNamedThroughTheServicesOwnRegistrations()
    {
        var failures = StartupFailures(
            [("Notify:Targets:am:Type", "alertmanager"), ("Notify:Targets:am:Ur", "http://am:9093"), ("Notify:Targets:pd:Type", "pagerduty")],
            services => services.AddHealthGateNotify());

        Assert.Contains(failures, f => f.Contains("HealthGate:Notify:Targets:am:Ur", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Notify:Targets:am:Url: is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Notify:Targets:pd:RoutingKey: is required", StringComparison.Ordinal));
    }
}
