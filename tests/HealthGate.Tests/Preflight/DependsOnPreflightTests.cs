using System.Net;
using System.Text.Json;
using static HealthGate.Testing.Preflights;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Preflight;

/// <summary>
/// <c>DependsOn</c> end to end over a real stand-in: when a dependency goes down, what depends on it carries
/// <c>blockedBy</c> in the preflight JSON, the stored run, <c>/checks</c> and the report, and the verdict is unchanged.
/// </summary>
public sealed class DependsOnPreflightTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private string Route(string check) => $"/depends-{_id}/{check}";

    private HealthGateApplication Desk(params string[] checks)
    {
        foreach (var check in checks)
        {
            _standIn.Respond(Route(check), 200, "ok", "text/plain");
        }

        return HealthGateApplication.With([
            .. Check("backend", "http", "P0", ("Url", _standIn.Url(Route("backend")))),
            .. Check("execution-ready", "http", "P1", ("Url", _standIn.Url(Route("execution-ready"))), DependsOn("backend")),
            .. Check("feed", "http", "P1", ("Url", _standIn.Url(Route("feed")))),
            .. Check("api", "http", "P0", ("Url", _standIn.Url(Route("api"))), DependsOn("feed")),
        ]);
    }

    [Fact]
    public async Task ABackendGoingDownBlocksWhatDependsOnItEverywhereAndTheVerdictIsUnchanged()
    {
        await using var app = Desk("backend", "execution-ready", "feed", "api");
        using var client = app.CreateClient();
        var (_, healthy) = await GetPreflightAsync(app, "live");
        Assert.Equal("PASS", healthy.GetProperty("verdict").GetString());
        Assert.Equal(["backend"], Names(CheckNamed(healthy, "execution-ready"), "dependsOn"));
        Assert.All(healthy.GetProperty("checks").EnumerateArray(), c => Assert.Empty(Names(c, "blockedBy")));

        _standIn.Respond(Route("backend"), 503, "down", "text/plain");
        _standIn.Respond(Route("execution-ready"), 503, "no backend", "text/plain");
        var (status, down) = await GetPreflightAsync(app, "live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("P0_FAIL", down.GetProperty("verdict").GetString());
        Assert.Equal(1, down.GetProperty("exitCode").GetInt32());
        var execution = CheckNamed(down, "execution-ready");
        Assert.Equal("Unhealthy", execution.GetProperty("status").GetString());
        Assert.Equal(["backend"], Names(execution, "blockedBy"));
        Assert.Empty(Names(CheckNamed(down, "backend"), "blockedBy"));

        var runId = down.GetProperty("runId").GetString()!;
        var stored = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/preflight/runs/{runId}", UriKind.Relative))).RootElement;
        Assert.Equal(["backend"], Names(CheckNamed(stored, "execution-ready"), "blockedBy"));
        Assert.Equal(["backend"], Names(CheckNamed(stored, "execution-ready"), "dependsOn"));

        var view = JsonDocument.Parse(await client.GetStringAsync(new Uri("/checks", UriKind.Relative))).RootElement
            .EnumerateArray().Single(c => c.GetProperty("name").GetString() == "execution-ready");
        Assert.Equal(["backend"], Names(view, "dependsOn"));
        Assert.Equal(["backend"], Names(view, "blockedBy"));
        var newest = JsonDocument.Parse(await client.GetStringAsync(new Uri("/checks/execution-ready/history?limit=1", UriKind.Relative))).RootElement[0];
        Assert.Equal(["backend"], Names(newest, "blockedBy"));

        var report = await client.GetStringAsync(new Uri($"/preflight/runs/{runId}/report.md", UriKind.Relative));
        Assert.Contains("- **Root cause:** backend (blocks execution-ready)", report, StringComparison.Ordinal);
        Assert.Matches(@"\| execution-ready \| P1 \| http \| Unhealthy \(blocked by backend\) \|", report);
        Assert.True(report.IndexOf("| backend |", StringComparison.Ordinal) < report.IndexOf("| execution-ready |", StringComparison.Ordinal), "the root cause comes first");
    }

    [Fact]
    public async Task ABlockedP0CheckIsStillAP0FailAndADependencyOutsideTheModeBlocksNothing()
    {
        await using var app = Desk("backend", "execution-ready", "feed", "api");
        _standIn.Respond(Route("feed"), 503, "down", "text/plain");
        _standIn.Respond(Route("api"), 502, "no feed", "text/plain");

        var (_, live) = await GetPreflightAsync(app, "live");
        var (_, paper) = await GetPreflightAsync(app, "paper");

        Assert.Equal("P0_FAIL", live.GetProperty("verdict").GetString());
        Assert.Equal(["feed"], Names(CheckNamed(live, "api"), "blockedBy"));
        Assert.Equal("P0_FAIL", paper.GetProperty("verdict").GetString());
        Assert.DoesNotContain(paper.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "feed");
        Assert.Empty(Names(CheckNamed(paper, "api"), "blockedBy"));
        Assert.Equal(["feed"], Names(CheckNamed(paper, "api"), "dependsOn"));
    }

    [Fact]
    public async Task AHealthyDependencyLeavesAFailingCheckUnblocked()
    {
        await using var app = Desk("backend", "execution-ready", "feed", "api");
        _standIn.Respond(Route("execution-ready"), 500, "own failure", "text/plain");

        var (_, live) = await GetPreflightAsync(app, "live");

        Assert.Equal("P1_FAIL", live.GetProperty("verdict").GetString());
        Assert.Empty(Names(CheckNamed(live, "execution-ready"), "blockedBy"));
    }

    private static JsonElement CheckNamed(JsonElement run, string name) =>
        run.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static List<string?> Names(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(n => n.GetString())];
}
