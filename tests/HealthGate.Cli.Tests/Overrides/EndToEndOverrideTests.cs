using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>
/// The launcher's overrides against the real service (in-process, on a loopback port): what the CLI records through
/// POST /overrides is what the service keeps in its operational log.
/// </summary>
public sealed class EndToEndOverrideTests : IAsyncLifetime, IDisposable
{
    private const string ApiKey = "e2e-key-3c9d71f0a2";
    private static readonly string[] LiveApproval =
        ["--operator", "alice", "--approver", "Risk Manager Bob", "--approver", "CTO Carol", "--ticket", "OPS-77", "--reason", "feed vendor outage, trading on backup"];

    private readonly HttpStandIn _standIn = new();
    private readonly TempDirectory _reports = new();
    private HealthGateApplication? _gate;
    private string _url = "";

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _gate = HealthGateApplication.With([
            .. Settings.Check("core", "http", "P0", ("Url", _standIn.Url("/p0"))),
            .. Settings.Check("feed", "http", "P1", ("Url", _standIn.Url("/p1"))),
            ("Modes:live:Tiers:0", "P0"),
            ("Modes:live:Tiers:1", "P1"),
            ("Modes:live:Tiers:2", "P2"),
            ("Auth:ApiKeys:ops", ApiKey),
        ]);
        _url = _gate.ServeOnLoopback();
    }

    public async Task DisposeAsync()
    {
        if (_gate is not null)
        {
            await _gate.DisposeAsync();
        }

        await _standIn.DisposeAsync();
    }

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task ForceStartOnP1WithTwoApproversAtATerminalExits0AndIsInTheServiceLog()
    {
        Answer(p0: 200, p1: 503);
        var terminal = new TestTerminal(interactive: true).Type("");

        var result = await new CliRun { Terminal = terminal, ApiKey = ApiKey }
            .RunAsync(["preflight", "--mode", "live", "--url", _url, "--report-dir", _reports.Path, "--force-start", .. LiveApproval]);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var entry = (await OverridesAsync()).EnumerateArray().Single();
        Assert.Equal("force_start", entry.GetProperty("kind").GetString());
        Assert.Equal("proceed", entry.GetProperty("decision").GetString());
        Assert.Equal("P1_FAIL", entry.GetProperty("verdict").GetString());
        Assert.Equal("alice", entry.GetProperty("operator").GetString());
        Assert.Equal("OPS-77", entry.GetProperty("ticket").GetString());
        Assert.Equal(["Risk Manager Bob", "CTO Carol"], entry.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal("feed", entry.GetProperty("failures")[0].GetProperty("check").GetString());
    }

    [Fact]
    public async Task ForceStartOnP0ExitsWith1AndNothingProceedsInTheServiceLog()
    {
        Answer(p0: 500, p1: 503);

        var result = await new CliRun { Terminal = new TestTerminal(interactive: true).Type(""), ApiKey = ApiKey }
            .RunAsync(["preflight", "--mode", "live", "--url", _url, "--report-dir", _reports.Path, "--force-start", .. LiveApproval]);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain((await OverridesAsync()).EnumerateArray(), e => e.GetProperty("decision").GetString() == "proceed");
    }

    [Fact]
    public async Task LiveSkipTypedAtATerminalIsRecordedByTheService()
    {
        Answer(p0: 200, p1: 200);
        var terminal = new TestTerminal(interactive: true).Type("I UNDERSTAND THE RISKS");

        var result = await new CliRun { Terminal = terminal, ApiKey = ApiKey }
            .RunAsync(["preflight", "--mode", "live", "--url", _url, "--report-dir", _reports.Path, "--skip-health-check", .. LiveApproval]);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var entry = (await OverridesAsync()).EnumerateArray().Single();
        Assert.Equal("skip_health_check", entry.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("runId").ValueKind);
    }

    private void Answer(int p0, int p1)
    {
        _standIn.Respond("/p0", p0, "p0");
        _standIn.Respond("/p1", p1, "p1");
    }

    private async Task<JsonElement> OverridesAsync()
    {
        using var client = new HttpClient();
        var body = await client.GetStringAsync(new Uri($"{_url}/overrides"));
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
