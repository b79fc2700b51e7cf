using System.Text.Json;
using HealthGate.Configuration;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Classes 12 (a configuration cannot take P0 out of a mode) and 19 (the desk file is the whole definition of the
/// gate), on the real service process with the environment variables set on the process: each row is refused at
/// start, exit 78, naming what was refused (and, for a list, both sources), with no stack trace and no value.
/// </summary>
public sealed class DeskDefinitionRows
{
    /// <summary>How the desk reaches the process: a file, none, two files, a directory or a symlink loop in its place.</summary>
    public enum DeskShape
    {
        File,
        NoFile,
        TwoFiles,
        Directory,
        SymlinkLoop,
    }

    private static readonly string Disk = $$"""{ "Type": "disk", "Tier": "P0", "Path": {{JsonSerializer.Serialize(Path.GetTempPath())}}, "MinFreeMb": 1 }""";

    private static readonly string Web = """{ "Type": "http", "Tier": "P1", "Url": "http://127.0.0.1:9/ready" }""";

    private static string Desk(string checks, string rest = "") => $$"""{ "HealthGate": { "Checks": { {{checks}} }{{rest}} } }""";

    private static readonly string Live = Desk($"\"disk\": {Disk}, \"web\": {Web}", """, "Modes": { "live": { "Tiers": [ "P0", "P1", "P2" ] } }""");

    private static readonly Dictionary<string, string> None = [];

    private static readonly Dictionary<string, (DeskShape Shape, string Json, Dictionary<string, string> Environment, string[] Expected)> Rows = new()
    {
        // 12: P0 cannot be taken out of a mode.
        ["12/env-replaces-live-tier-0"] = (DeskShape.File, Live, new() { ["HealthGate__Modes__live__Tiers__0"] = "P1" },
            ["HealthGate:Modes:live:Tiers: a list must come whole from one configuration source", "environment variables HealthGate__Modes__live__Tiers__*", "desk.json", "environment variable HealthGate__Modes__live__Tiers__0: refused"]),
        ["12/env-appends-readiness-tier"] = (DeskShape.File, Desk($"\"disk\": {Disk}", """, "Readiness": { "Tiers": [ "P0" ] }"""), new() { ["HealthGate__Readiness__Tiers__1"] = "P1" },
            ["HealthGate:Readiness:Tiers: a list must come whole", "environment variable HealthGate__Readiness__Tiers__1: refused"]),
        ["12/env-replaces-an-expected-scenario"] = (DeskShape.File, Desk($"\"disk\": {Disk}, \"scenarios\": {{ \"Type\": \"scenarios\", \"Tier\": \"P1\", \"Url\": \"http://127.0.0.1:9/s\", \"Expected\": [ \"flash_crash\", \"exchange_outage\" ] }}"), new() { ["HealthGate__Checks__scenarios__Expected__0"] = "exchange_outage" },
            ["HealthGate:Checks:scenarios:Expected: a list must come whole", "environment variable HealthGate__Checks__scenarios__Expected__0: refused"]),
        ["12/env-adds-an-allowed-level"] = (DeskShape.File, Desk($"\"disk\": {Disk}, \"risk\": {{ \"Type\": \"risk\", \"Tier\": \"P0\", \"Url\": \"http://127.0.0.1:9/risk\", \"AllowedLevels\": [ \"NORMAL\" ] }}"), new() { ["HealthGate__Checks__risk__AllowedLevels__1"] = "HALTED" },
            ["HealthGate:Checks:risk:AllowedLevels: a list must come whole", "environment variable HealthGate__Checks__risk__AllowedLevels__1: refused"]),
        ["12/live-without-p0"] = (DeskShape.File, Desk($"\"disk\": {Disk}, \"web\": {Web}", """, "Modes": { "live": { "Tiers": [ "P1", "P2" ] } }"""), None,
            ["HealthGate:Modes:live:Tiers: must include P0"]),
        ["12/tier-listed-twice"] = (DeskShape.File, Desk($"\"disk\": {Disk}, \"web\": {Web}", """, "Modes": { "live": { "Tiers": [ "P0", "P1", "P1" ] } }"""), None,
            ["HealthGate:Modes:live:Tiers: tier 'P1' is listed more than once"]),
        ["12/readiness-without-p0"] = (DeskShape.File, Desk($"\"disk\": {Disk}, \"web\": {Web}", """, "Readiness": { "Tiers": [ "P1" ] }"""), None,
            ["HealthGate:Readiness:Tiers: must include P0"]),
        ["12/env-defines-a-mode"] = (DeskShape.File, Live, new() { ["HealthGate__Modes__audit__Tiers__0"] = "P1" },
            ["environment variable HealthGate__Modes__audit__Tiers__0: refused"]),

        // 19: the desk file is the whole definition of the gate.
        ["19/second-config-file"] = (DeskShape.TwoFiles, Live, None, ["--config: exactly one desk file is allowed", "desk.json' and '", "overlay.json'"]),
        ["19/case-twin-disables-the-risk-check"] = (DeskShape.File, Desk($"\"disk\": {Disk}, \"risk\": {{ \"Type\": \"risk\", \"Tier\": \"P0\", \"Url\": \"http://127.0.0.1:9/risk\" }}, \"RISK\": {{ \"Enabled\": false }}"), None,
            ["HealthGate:Checks:'RISK' and 'risk': two sections"]),
        ["19/env-disables-the-only-p0-check"] = (DeskShape.File, Live, new() { ["HealthGate__Checks__disk__Enabled"] = "false" },
            ["environment variable HealthGate__Checks__disk__Enabled: refused"]),
        ["19/env-lowers-a-tier"] = (DeskShape.File, Live, new() { ["HealthGate__Checks__disk__Tier"] = "P2" },
            ["environment variable HealthGate__Checks__disk__Tier: refused"]),
        ["19/env-adds-a-check"] = (DeskShape.File, Live, new() { ["HealthGate__Checks__extra__Type"] = "disk", ["HealthGate__Checks__extra__Tier"] = "P0", ["HealthGate__Checks__extra__Path"] = "/" },
            ["environment variable HealthGate__Checks__extra__Type: refused", "environment variable HealthGate__Checks__extra__Path: refused"]),
        ["19/env-endpoint-of-an-undefined-check"] = (DeskShape.File, Live, new() { ["HealthGate__Checks__ghost__Url"] = "http://127.0.0.1:9/" },
            ["environment variable HealthGate__Checks__ghost__Url: refused: no desk file defines a check 'ghost'"]),
        ["19/env-depends-on"] = (DeskShape.File, Live, new() { ["HealthGate__Checks__web__DependsOn__0"] = "disk" },
            ["environment variable HealthGate__Checks__web__DependsOn__0: refused"]),
        ["19/no-desk-checks-only-from-the-environment"] = (DeskShape.NoFile, "", new() { ["HealthGate__Checks__disk__Type"] = "disk", ["HealthGate__Checks__disk__Tier"] = "P0", ["HealthGate__Checks__disk__Path"] = "/tmp" },
            ["environment variable HealthGate__Checks__disk__Type: refused"]),
        ["19/only-p0-check-disabled-in-the-desk"] = (DeskShape.File, Desk($"\"disk\": {{ \"Type\": \"disk\", \"Tier\": \"P0\", \"Path\": \"/tmp\", \"Enabled\": false }}, \"web\": {Web}", """, "Modes": { "live": { "Tiers": [ "P0", "P1" ] } }"""), None,
            ["HealthGate:Modes:live:Tiers: runs no enabled P0 check", "HealthGate:Readiness:Tiers: runs no enabled P0 check"]),
        ["19/desk-is-a-directory"] = (DeskShape.Directory, "", None, ["is a directory, not a desk file"]),
        ["19/desk-is-a-symlink-loop"] = (DeskShape.SymlinkLoop, "", None, ["cannot be read", "symbolic links"]),
    };

    public static TheoryData<string> Cases => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ADeskThatIsNotTheWholeDefinitionIsRefusedAtStartNamingWhy(string row)
    {
        var (shape, json, environment, expected) = Rows[row];
        using var directory = new TempDirectory();
        var desk = Path.Combine(directory.Path, "desk.json");
        var arguments = new List<string>();
        switch (shape)
        {
            case DeskShape.File:
                await File.WriteAllTextAsync(desk, json);
                break;
            case DeskShape.TwoFiles:
                await File.WriteAllTextAsync(desk, json);
                var overlay = Path.Combine(directory.Path, "overlay.json");
                await File.WriteAllTextAsync(overlay, Desk($"\"web\": {Web}"));
                arguments.AddRange(["--config", overlay]);
                break;
            case DeskShape.Directory:
                Directory.CreateDirectory(desk);
                break;
            case DeskShape.SymlinkLoop:
                File.CreateSymbolicLink(desk, Path.Combine(directory.Path, "other.json"));
                File.CreateSymbolicLink(Path.Combine(directory.Path, "other.json"), desk);
                break;
        }

        await using var service = ServiceProcess.Start(new()
        {
            WorkingDirectory = directory.Path,
            ConfigFile = shape == DeskShape.NoFile ? null : desk,
            Arguments = arguments,
            Environment = environment,
        });
        await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StartupFailure.ConfigurationExitCode, service.ExitCode);
        foreach (var text in expected)
        {
            Assert.Contains(text, service.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"(?m)^\s+at \S", service.Output);
        Assert.DoesNotContain("Now listening", service.Output, StringComparison.Ordinal);
        foreach (var value in environment.Values.Where(v => v.Length > 5))
        {
            // A refused variable is named, its value never repeated.
            Assert.DoesNotContain(value, service.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SecretsAndEndpointsFromTheEnvironmentStartTheGateAndTheReportNamesThemWithoutValues()
    {
        using var directory = new TempDirectory();
        var desk = Path.Combine(directory.Path, "desk.json");
        await File.WriteAllTextAsync(desk, Desk(
            $"\"disk\": {Disk}, \"web\": {Web}, \"db\": {{ \"Type\": \"postgres\", \"Tier\": \"P1\", \"ConnectionString\": \"Host=127.0.0.1;Port=9\" }}",
            """, "Modes": { "live": { "Tiers": [ "P0", "P1" ] } }, "Readiness": { "Tiers": [ "P0" ] }"""));
        var environment = new Dictionary<string, string>
        {
            ["HealthGate__Checks__db__ConnectionString"] = "Host=127.0.0.1;Port=9;Username=gate;Password=Env-Secret-4411;Timeout=1",
            ["HealthGate__Checks__web__Url"] = "http://svc:Url-Secret-9921@127.0.0.1:9/ready",
        };

        await using var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = desk, Environment = environment });
        using var response = await service.Client.GetAsync(new Uri("/config", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var preflightResponse = await service.Client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        var preflight = JsonDocument.Parse(await preflightResponse.Content.ReadAsStringAsync()).RootElement;
        await service.WaitForOutputAsync("keys set from the environment");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        foreach (var secret in new[] { "Env-Secret-4411", "Url-Secret-9921" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, service.Output, StringComparison.Ordinal);
        }

        using var config = JsonDocument.Parse(body);
        Assert.Equal(preflight.GetProperty("configHash").GetString(), config.RootElement.GetProperty("configHash").GetString());
        Assert.Equal(["db", "disk", "web"], config.RootElement.GetProperty("modes").GetProperty("live").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["disk"], config.RootElement.GetProperty("modes").GetProperty("paper").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["disk"], config.RootElement.GetProperty("readiness").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["HealthGate__Checks__db__ConnectionString", "HealthGate__Checks__web__Url"], config.RootElement.GetProperty("environmentKeys").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("HealthGate__Checks__db__ConnectionString", service.Output, StringComparison.Ordinal);
        Assert.Contains("\"Mode\":\"live\"", service.Output, StringComparison.Ordinal);
        Assert.Contains("\"Checks\":[\"db\",\"disk\",\"web\"]", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AOneMegabyteDeskStarts()
    {
        // How fast is in docs/performance.md (scripts/desk-startup.sh); here only that it starts, on the same shapes:
        // thousands of small checks and one long list.
        using var directory = new TempDirectory();
        var checks = new Dictionary<string, object> { ["root-disk"] = TempDirectory.BaselineCheck };
        for (var i = 0; i < 3000; i++)
        {
            checks[$"disk-{i}"] = new { Type = "disk", Tier = "P2", Path = Path.GetTempPath(), MinFreeMb = 1, Tags = new[] { $"team-{i % 7}", "bulk" } };
        }

        checks["scenarios"] = new { Type = "scenarios", Tier = "P1", Url = "http://127.0.0.1:9/s", Expected = Enumerable.Range(0, 50000).Select(i => $"scenario_{i}").ToArray() };
        var desk = directory.WriteConfig(new { HealthGate = new { Checks = checks } });
        Assert.True(new FileInfo(desk).Length > 1_000_000, $"the desk is {new FileInfo(desk).Length} bytes");

        await using var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = desk });
        using var config = JsonDocument.Parse(await service.Client.GetStringAsync(new Uri("/config", UriKind.Relative)));

        Assert.Equal(3002, config.RootElement.GetProperty("modes").GetProperty("live").GetProperty("checks").GetArrayLength());
    }
}
