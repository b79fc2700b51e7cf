using System.Net;
using System.Text.Json;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.History;

/// <summary>GET /preflight/runs, /preflight/runs/{runId} and its report.md, over runs the service really made.</summary>
public sealed class RunHistoryApiTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ARunReadsBackAsExactlyThePreflightJsonThatWasAnswered()
    {
        _standIn.Respond("/history/ok", 200, "ok");
        _standIn.Respond("/history/down", 500, "boom");
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/history/ok"))),
            .. Check("feed", "http", "P1", ("Url", _standIn.Url("/history/down"))),
        ]);
        using var client = app.CreateClient();
        var preflight = await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var answered = await preflight.Content.ReadAsStringAsync();
        var runId = JsonDocument.Parse(answered).RootElement.GetProperty("runId").GetString();

        var stored = await client.GetAsync(new Uri($"/preflight/runs/{runId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(answered, await stored.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RunsAreListedNewestFirstAndFilteredByMode()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        var ids = new List<(string Mode, string RunId)>();
        foreach (var mode in new[] { "paper", "live", "paper", "LIVE" })
        {
            var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative))).RootElement;
            ids.Add((mode.ToLowerInvariant(), json.GetProperty("runId").GetString()!));
        }

        var all = await RunIdsAsync(client, "/preflight/runs");
        var live = await RunIdsAsync(client, "/preflight/runs?mode=Live");

        Assert.Equal(ids.Select(i => i.RunId).Reverse(), all);
        Assert.Equal(ids.Where(i => i.Mode == "live").Select(i => i.RunId).Reverse(), live);
    }

    [Fact]
    public async Task TheListHasTwentyRunsByDefaultAndAcceptsUpTo500()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        for (var i = 0; i < 22; i++)
        {
            await client.GetStringAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        }

        Assert.Equal(20, (await RunIdsAsync(client, "/preflight/runs")).Count);
        Assert.Equal(22, (await RunIdsAsync(client, "/preflight/runs?limit=500")).Count);
        Assert.Equal(3, (await RunIdsAsync(client, "/preflight/runs?limit=3")).Count);
    }

    [Fact]
    public async Task BeforePagesOnThroughEveryRunNewestFirst()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        for (var i = 0; i < 7; i++)
        {
            await client.GetStringAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        }

        var all = await RunIdsAsync(client, "/preflight/runs?limit=500");
        var paged = new List<string>();
        var page = await RunIdsAsync(client, "/preflight/runs?limit=3");
        while (page.Count > 0)
        {
            paged.AddRange(page);
            page = await RunIdsAsync(client, $"/preflight/runs?limit=3&mode=paper&before={page[^1]}");
        }

        Assert.Equal(7, all.Count);
        Assert.Equal(all, paged);
    }

    [Theory]
    [InlineData("not-a-run-id", "must be a run id")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", "no preflight run '01ARZ3NDEKTSV4RRFFQ69G5FAV'")]
    public async Task AMalformedOrUnknownCursorIs400Problem(string before, string detail)
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var problem = await IsProblemAsync(await client.GetAsync(new Uri($"/preflight/runs?before={before}", UriKind.Relative)), HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("-5")]
    [InlineData("1e2")]
    [InlineData("many")]
    public async Task ABadLimitIs400Problem(string limit)
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var problem = await IsProblemAsync(await client.GetAsync(new Uri($"/preflight/runs?limit={limit}", UriKind.Relative)), HttpStatusCode.BadRequest);

        Assert.Contains("500", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/preflight/runs/01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("/preflight/runs/01ARZ3NDEKTSV4RRFFQ69G5FAV/report.md")]
    [InlineData("/preflight/runs/not-a-run-id")]
    public async Task AnUnknownRunIs404Problem(string path)
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        await IsProblemAsync(await client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheReportIsMarkdownWithTheChecksVerdictRunIdAndConfigHash()
    {
        _standIn.Respond("/report/ok", 200, "ok");
        _standIn.Respond("/report/down", 503, "no");
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/report/ok"))),
            .. Check("feed", "http", "P1", ("Url", _standIn.Url("/report/down"))),
        ]);
        using var client = app.CreateClient();
        var run = JsonDocument.Parse(await (await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative))).Content.ReadAsStringAsync()).RootElement;
        var runId = run.GetProperty("runId").GetString()!;

        var response = await client.GetAsync(new Uri($"/preflight/runs/{runId}/report.md", UriKind.Relative));
        var report = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("P1_FAIL", report, StringComparison.Ordinal);
        Assert.Contains(runId, report, StringComparison.Ordinal);
        Assert.Contains(run.GetProperty("configHash").GetString()!, report, StringComparison.Ordinal);
        Assert.Contains("| Check | Tier | Type | Status | Duration (ms) | Reason | Description |", report, StringComparison.Ordinal);
        Assert.Matches(@"\| core \| P0 \| http \| Healthy \| \d+\.\d \| ok \|", report);
        Assert.Matches(@"\| feed \| P1 \| http \| Unhealthy \| \d+\.\d \| unexpected_status \|", report);
    }

    private static async Task<List<string>> RunIdsAsync(HttpClient client, string path)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement;
        return [.. json.EnumerateArray().Select(r => r.GetProperty("runId").GetString()!)];
    }
}
