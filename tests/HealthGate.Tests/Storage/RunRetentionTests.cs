using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Storage;

/// <summary>The retention job of the running service: old runs go, the operational log stays.</summary>
public sealed class RunRetentionTests
{
    [Fact]
    public async Task RunsOlderThanRetentionArePrunedAtStartButOverridesAreKept()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"healthgate-retention-{Guid.NewGuid():N}");
        var connectionString = $"Data Source={Path.Combine(directory, "gate.db")}";
        var now = DateTimeOffset.UtcNow;
        var seed = new SqliteGateStore(connectionString, new ManualTimeProvider(now.AddDays(-20)));
        await seed.EnsureSchemaAsync(CancellationToken.None);
        var old = TestRuns.Run("live", now.AddDays(-10), TestRuns.Check("feed", CheckTier.P1, HealthStatus.Unhealthy, "unreachable"));
        var recent = TestRuns.Run("live", now.AddDays(-2));
        await seed.SaveRunAsync(old, CancellationToken.None);
        await seed.SaveRunAsync(recent, CancellationToken.None);
        var entry = await seed.AppendAsync(TestRuns.Override(OverrideRequest.ForceStart, "live") with { RunId = old.RunId }, CancellationToken.None);

        await using var app = HealthGateApplication.With(("Storage:ConnectionString", connectionString), ("Storage:RetentionDays", 7));
        using var client = app.CreateClient();
        await ProcessRunner.WaitUntilAsync(
            async () => (await client.GetAsync(new Uri($"/preflight/runs/{old.RunId}", UriKind.Relative))).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30),
            "the 10-day-old run pruned with RetentionDays=7");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/preflight/runs/{recent.RunId}", UriKind.Relative))).StatusCode);
        var log = await client.GetFromJsonAsync<JsonElement>(new Uri("/oplog?limit=500", UriKind.Relative));
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("seq").GetInt64() == entry.Seq && e.GetProperty("runId").GetString() == old.RunId);
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
