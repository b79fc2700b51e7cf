using System.Net;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Dashboard;

/// <summary>GET /checks and /checks/{name}/history over runs the service really made, and across a restart.</summary>
public sealed class ChecksApiTests
{
    private static (string Key, object? Value)[] Desk(params (string Key, object? Value)[] extra) =>
        [.. Check("feed-disk", "disk", "P1", ("Path", Path.GetTempPath()), ("MinFreeMb", 1)), .. extra];

    [Fact]
    public async Task EveryConfiguredCheckIsListedAndOneThatNeverRanIsUnknown()
    {
        await using var app = HealthGateApplication.With(Desk());
        using var client = app.CreateClient();

        var checks = await GetJsonAsync(client, "/checks");

        Assert.Equal(["baseline-disk", "feed-disk"], checks.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        var feed = checks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "feed-disk");
        Assert.Equal("P1", feed.GetProperty("tier").GetString());
        Assert.Equal("disk", feed.GetProperty("type").GetString());
        Assert.Equal("Unknown", feed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("updatedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("uptime24h").ValueKind);
        Assert.Equal(0, feed.GetProperty("dependsOn").GetArrayLength());
        Assert.Equal(0, feed.GetProperty("blockedBy").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("mode").ValueKind);
    }

    [Fact]
    public async Task EachCheckNamesTheModesWhosePreflightsRunItSoThePageCanJudgeEachMode()
    {
        // Default modes: paper runs P0, live P0 to P2.
        await using var app = HealthGateApplication.With(Desk());
        using var client = app.CreateClient();
        await GetJsonAsync(client, "/preflight?mode=live");

        var checks = (await GetJsonAsync(client, "/checks")).EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

        Assert.Equal(["live", "paper"], checks["baseline-disk"].GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["live"], checks["feed-disk"].GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        // The latest result came from a live preflight, and says so.
        Assert.Equal("preflight", checks["feed-disk"].GetProperty("source").GetString());
        Assert.Equal("live", checks["feed-disk"].GetProperty("mode").GetString());
    }

    [Fact]
    public async Task HistoryIsNewestFirstAndNamesThePreflightThatProducedEachResult()
    {
        await using var app = HealthGateApplication.With(Desk());
        using var client = app.CreateClient();
        var first = (await GetJsonAsync(client, "/preflight?mode=live")).GetProperty("runId").GetString();
        var second = (await GetJsonAsync(client, "/preflight?mode=live")).GetProperty("runId").GetString();

        var history = await GetJsonAsync(client, "/checks/FEED-DISK/history");
        var feed = (await GetJsonAsync(client, "/checks")).EnumerateArray().Single(c => c.GetProperty("name").GetString() == "feed-disk");

        Assert.Equal([second, first], history.EnumerateArray().Select(e => e.GetProperty("runId").GetString()));
        var newest = history[0];
        Assert.Equal("Healthy", newest.GetProperty("status").GetString());
        Assert.Equal("preflight", newest.GetProperty("source").GetString());
        Assert.Equal("live", newest.GetProperty("mode").GetString());
        Assert.Equal("ok", newest.GetProperty("reason").GetString());
        Assert.True(newest.GetProperty("at").GetDateTimeOffset() >= history[1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("Healthy", feed.GetProperty("status").GetString());
        Assert.Equal(newest.GetProperty("at").GetString(), feed.GetProperty("updatedAt").GetString());
        Assert.Equal(1.0, feed.GetProperty("uptime24h").GetDouble());
        Assert.Equal(2, feed.GetProperty("results24h").GetInt32());
    }

    [Fact]
    public async Task BackgroundReadinessRunsFeedTheHistoryWithSourceReadiness()
    {
        await using var app = HealthGateApplication.With(Desk());
        using var client = app.CreateClient();

        var history = default(JsonElement);
        await ProcessRunner.WaitUntilAsync(
            async () => (history = await GetJsonAsync(client, "/checks/baseline-disk/history?limit=1")).GetArrayLength() == 1,
            TimeSpan.FromSeconds(20),
            "a readiness result of baseline-disk");

        Assert.Equal("readiness", history[0].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("runId").ValueKind);
    }

    [Fact]
    public async Task AnUnknownCheckIsA404Problem()
    {
        await using var app = HealthGateApplication.With(Desk());
        using var client = app.CreateClient();

        var problem = await IsProblemAsync(await client.GetAsync(new Uri("/checks/nope/history", UriKind.Relative)), HttpStatusCode.NotFound);

        Assert.Contains("'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("ten")]
    [InlineData("-1")]
    public async Task ABadLimitIsA400Problem(string limit)
    {
        await using var app = HealthGateApplication.With(Desk());
        using var client = app.CreateClient();

        var problem = await IsProblemAsync(await client.GetAsync(new Uri($"/checks/feed-disk/history?limit={limit}", UriKind.Relative)), HttpStatusCode.BadRequest);

        Assert.Contains("1 to 500", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistorySurvivesARestartThroughTheStore()
    {
        using var directory = new TempDirectory();
        var store = ("Storage:ConnectionString", (object?)$"Data Source={Path.Combine(directory.Path, "healthgate.db")}");
        string? runId;
        await using (var before = HealthGateApplication.With(Desk(store)))
        {
            using var client = before.CreateClient();
            runId = (await GetJsonAsync(client, "/preflight?mode=live")).GetProperty("runId").GetString();
        }

        await using var after = HealthGateApplication.With(Desk(store));
        using var restarted = after.CreateClient();
        var history = await GetJsonAsync(restarted, "/checks/feed-disk/history");

        var entry = Assert.Single(history.EnumerateArray());
        Assert.Equal(runId, entry.GetProperty("runId").GetString());
        Assert.Equal("preflight", entry.GetProperty("source").GetString());
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
