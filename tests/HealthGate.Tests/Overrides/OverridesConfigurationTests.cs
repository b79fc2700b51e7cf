using HealthGate.Configuration;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Configuration.StartupValidation;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// Who must approve, for how long, and the key that signs the log are the desk's decisions: a policy or window that
/// cannot be meant, or a signing key too short to be one, stops the real service at start (exit 78) with one line
/// naming the key, no stack trace, and never the key's value.
/// </summary>
public sealed class OverridesConfigurationTests
{
    private const string ShortKey = "Very-Secret-77-only-31-bytes-ok";

    private static readonly string Disk = $$"""{ "Type": "disk", "Tier": "P0", "Path": {{System.Text.Json.JsonSerializer.Serialize(Path.GetTempPath())}}, "MinFreeMb": 1 }""";

    private static readonly Dictionary<string, (string Section, string Key)> Rows = new()
    {
        ["policy-of-an-unknown-mode"] = ("""{ "Overrides": { "Policies": { "demo": { "force_start": { "Approvals": [ "cto" ] } } } } }""", "HealthGate:Overrides:Policies:demo: unknown mode 'demo'"),
        ["policy-of-a-mode-in-other-case"] = ("""{ "Overrides": { "Policies": { "LIVE": { "force_start": { "Approvals": [ "cto" ] } } } } }""", "HealthGate:Overrides:Policies:LIVE: unknown mode 'LIVE'"),
        ["policy-of-an-unknown-kind"] = ("""{ "Overrides": { "Policies": { "live": { "force_strat": { "Approvals": [ "cto" ] } } } } }""", "HealthGate:Overrides:Policies:live:force_strat: unknown override kind 'force_strat'"),
        ["policy-with-no-approvals"] = ("""{ "Overrides": { "Policies": { "live": { "force_start": { "Approvals": [ ] } } } } }""", "HealthGate:Overrides:Policies:live:force_start:Approvals: needs at least one role"),
        ["policy-with-an-empty-role"] = ("""{ "Overrides": { "Policies": { "live": { "force_start": { "Approvals": [ "cto", " " ] } } } } }""", "HealthGate:Overrides:Policies:live:force_start:Approvals: a role must not be empty"),
        ["role-listed-twice"] = ("""{ "Overrides": { "Policies": { "live": { "force_start": { "Approvals": [ "cto", "cto" ] } } } } }""", "HealthGate:Overrides:Policies:live:force_start:Approvals: role 'cto' is listed twice"),
        ["role-listed-twice-in-other-case"] = ("""{ "Overrides": { "Policies": { "paper": { "skip_health_check": { "Approvals": [ "team-lead", "Team-Lead" ] } } } } }""", "HealthGate:Overrides:Policies:paper:skip_health_check:Approvals: role 'team-lead' is listed twice"),
        ["approval-window-zero"] = ("""{ "Overrides": { "ApprovalWindowMinutes": 0 } }""", "HealthGate:Overrides:ApprovalWindowMinutes: must be from 1 to 1440 minutes"),
        ["approval-window-over-a-day"] = ("""{ "Overrides": { "ApprovalWindowMinutes": 1441 } }""", "HealthGate:Overrides:ApprovalWindowMinutes: must be from 1 to 1440 minutes"),
        ["signing-key-shorter-than-32-bytes"] = ($$"""{ "Audit": { "SigningKey": "{{ShortKey}}" } }""", "HealthGate:Audit:SigningKey: must be at least 32 bytes"),
    };

    public static TheoryData<string> Cases => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABadOverridesOrAuditSettingIsRefusedAtStartNamingTheKey(string row)
    {
        var (section, key) = Rows[row];
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "desk.json");
        // The row's section joins a desk that is otherwise valid, so the refusal is the row's doing.
        await File.WriteAllTextAsync(config, $$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, {{section.Trim()[1..^1]}} } }""");

        await using var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(service.ExitCode == StartupFailure.ConfigurationExitCode, $"exit {service.ExitCode}:\n{service.Output}");
        Assert.Contains(key, service.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S", service.Output);
        Assert.DoesNotContain(ShortKey, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadModesHideNeitherTheOverridesErrorsNorAnyOtherSectionsAndEachIsNamedOnce()
    {
        // The overrides validator knows the modes; built from invalid modes it once stopped every validation after it.
        var failures = StartupFailures([
            .. Check("nourl", "http", "P0"),
            ("Modes:live:Tiers:0", "P9"),
            ("Overrides:ApprovalWindowMinutes", 0),
            ("Overrides:Policies:demo:force_start:Approvals:0", "cto"),
        ]);

        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:nourl:Url:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Modes:live:Tiers:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Overrides:ApprovalWindowMinutes:", StringComparison.Ordinal));
        Assert.Equal(failures.Distinct(StringComparer.Ordinal), failures);
    }

    [Fact]
    public async Task TheSameDeskWithASigningKeyOf32BytesAndAPolicyOfItsOwnStarts()
    {
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "desk.json");
        await File.WriteAllTextAsync(config, $$"""
            { "HealthGate": { "Checks": { "disk": {{Disk}} },
              "Overrides": { "Policies": { "live": { "force_start": { "Approvals": [ "cto" ] } } }, "ApprovalWindowMinutes": 1440 },
              "Audit": { "SigningKey": "{{ShortKey}}x" } } }
            """);

        await using var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        Assert.DoesNotContain(ShortKey, service.Output, StringComparison.Ordinal);
    }
}
