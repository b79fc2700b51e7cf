using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthGate.Tests.Overrides;
using Microsoft.Data.Sqlite;

namespace HealthGate.Tests.Storage;

/// <summary>An override acknowledged with 201 survives <c>kill -9</c> of the service right after the answer.</summary>
public sealed class CrashDurabilityTests
{
    private const string Key = "crash-test-key-0b9e";

    [Fact]
    public async Task TwentyAcknowledgedOverridesSurviveKillMinus9()
    {
        using var directory = new TempDirectory();
        var database = Path.Combine(directory.Path, "data", "healthgate.db");
        var config = directory.WriteConfig(new
        {
            HealthGate = new
            {
                // A P1 check nobody answers: every live preflight is a P1_FAIL that force_start may override.
                Checks = new Dictionary<string, object> { ["feed"] = new { Type = "http", Tier = "P1", Url = $"http://127.0.0.1:{FreePort.Next()}/", TimeoutMs = 1000 }, ["baseline-disk"] = TempDirectory.BaselineCheck },
                Storage = new { Provider = "sqlite", ConnectionString = $"Data Source={database}" },
                Auth = new { ApiKeys = new { ops = Key } },
            },
        });

        var acknowledged = new List<long>();
        await using (var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config }))
        {
            await service.WaitUntilServingAsync();
            var runId = await P1FailRunIdAsync(service.Client);
            for (var i = 0; i < 20; i++)
            {
                var forceStart = i % 2 == 0;
                var response = await PostAsync(service.Client, new
                {
                    kind = forceStart ? "force_start" : "skip_health_check",
                    mode = "live",
                    runId = forceStart ? runId : null,
                    reason = $"crash test {i}",
                    ticket = "CHG-9",
                    impact = "the feed is unproven",
                    mitigation = "desk head watches fills",
                });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
            }

            // Right after the 20th 201: no graceful shutdown, no checkpoint, no disposal.
            await service.KillAsync();
        }

        Assert.Equal(acknowledged, await ReadIdsDirectlyAsync(database, "SELECT id FROM healthgate_overrides ORDER BY id"));
        Assert.Equal(acknowledged, await ReadIdsDirectlyAsync(database, "SELECT override_id FROM healthgate_oplog WHERE kind = 'override_requested' ORDER BY seq"));

        await using var restarted = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        await restarted.WaitUntilServingAsync();
        var listed = JsonDocument.Parse(await restarted.Client.GetStringAsync(new Uri("/overrides?limit=500", UriKind.Relative))).RootElement.GetProperty("items");
        Assert.Equal(acknowledged.AsEnumerable().Reverse(), listed.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.All(listed.EnumerateArray(), e => Assert.Equal(("ops", "service", "pending"), (e.GetProperty("requestedBy").GetProperty("id").GetString(), e.GetProperty("requestedBy").GetProperty("kind").GetString(), e.GetProperty("state").GetString())));
        var log = await OpLogReader.ReadAllAsync(restarted.Client);
        OpLogReader.AssertIntact(log);
        Assert.Equal(acknowledged, log.Where(e => e.Kind == OpLogEvents.OverrideRequested).Select(e => e.OverrideId!.Value));
    }

    private static async Task<string> P1FailRunIdAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("P1_FAIL", run.GetProperty("verdict").GetString());
        return run.GetProperty("runId").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/overrides") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", Key);
        return await client.SendAsync(request);
    }

    /// <summary>Opens the killed service's file with a plain SQLite connection (WAL recovery included).</summary>
    private static async Task<List<long>> ReadIdsDirectlyAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadWrite;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
