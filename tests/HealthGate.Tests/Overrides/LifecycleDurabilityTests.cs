using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Tests.Overrides.GateScenario;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// Answered means durable, through a whole override: the real service process is killed with SIGKILL right after
/// each 201/200 (request, approve, approve, use) and started again; every acknowledged change is there, the log kept
/// before each kill is unchanged, and the chain is intact and signed by the key the environment supplies.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LifecycleDurabilityTests(PostgresServer postgres)
{
    private const string SigningKey = "durability-signing-key-7c4e19a2d05b83f6";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EveryAcknowledgedStepOfAnOverrideSurvivesKillMinus9(string provider)
    {
        using var directory = new TempDirectory();
        var connectionString = provider == "postgres"
            ? await postgres.CreateDatabaseAsync()
            : $"Data Source={Path.Combine(directory.Path, "data", "healthgate.db")}";
        var config = directory.WriteConfig(new
        {
            HealthGate = new
            {
                // A P1 check nobody answers: every live preflight is a P1_FAIL that force_start may override.
                Checks = new Dictionary<string, object> { ["feed"] = new { Type = "http", Tier = "P1", Url = $"http://127.0.0.1:{FreePort.Next()}/", TimeoutMs = 1000 }, ["baseline-disk"] = TempDirectory.BaselineCheck },
                Storage = new { Provider = provider, ConnectionString = connectionString },
                Auth = AuthSection(),
            },
        });
        var options = new ServiceProcessOptions
        {
            WorkingDirectory = directory.Path,
            ConfigFile = config,
            Environment = new Dictionary<string, string> { ["HealthGate__Audit__SigningKey"] = SigningKey },
        };

        var service = await ServiceProcess.StartServingAsync(options);
        try
        {
            using var preflight = await service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
            var run = JsonDocument.Parse(await preflight.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("P1_FAIL", run.GetProperty("verdict").GetString());
            IReadOnlyList<OpLogRecord> kept = [];

            var id = (await AcknowledgedAsync(service, "/overrides", Request("force_start", "live", run.GetProperty("runId").GetString()), "olga", HttpStatusCode.Created)).GetProperty("id").GetInt64();
            service = await KillAndRestartAsync(service, options);
            var pending = await OverrideAsync(service, id);
            Assert.Equal(("pending", "olga"), (pending.GetProperty("state").GetString(), pending.GetProperty("requestedBy").GetProperty("id").GetString()));
            kept = await LogKeptAsync(service, kept, id, OpLogEvents.OverrideRequested);

            await AcknowledgedAsync(service, $"/overrides/{id}/approvals", new { decision = "approve" }, "jane", HttpStatusCode.OK);
            service = await KillAndRestartAsync(service, options);
            Assert.Equal([("jane", "risk-manager")], LifecycleTests.Approvals(await OverrideAsync(service, id)));
            kept = await LogKeptAsync(service, kept, id, OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided);

            await AcknowledgedAsync(service, $"/overrides/{id}/approvals", new { decision = "approve" }, "bob", HttpStatusCode.OK);
            service = await KillAndRestartAsync(service, options);
            var approved = await OverrideAsync(service, id);
            Assert.Equal("approved", approved.GetProperty("state").GetString());
            Assert.Equal([("jane", "risk-manager"), ("bob", "cto")], LifecycleTests.Approvals(approved));
            kept = await LogKeptAsync(service, kept, id, OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideDecided, OpLogEvents.OverrideApproved);

            await AcknowledgedAsync(service, $"/overrides/{id}/use", null, "olga", HttpStatusCode.OK);
            service = await KillAndRestartAsync(service, options);
            var used = await OverrideAsync(service, id);
            Assert.Equal(("used", "olga"), (used.GetProperty("state").GetString(), used.GetProperty("usedBy").GetProperty("id").GetString()));
            await LogKeptAsync(service, kept, id, OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideDecided, OpLogEvents.OverrideApproved, OpLogEvents.OverrideUsed);
            using var again = await PostAsync(service, $"/overrides/{id}/use", null, "ops");
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

            // The key came from the environment: it signs every entry and is never shown.
            foreach (var path in new[] { "/config", "/oplog?limit=500", $"/overrides/{id}" })
            {
                Assert.DoesNotContain(SigningKey, await service.Client.GetStringAsync(new Uri(path, UriKind.Relative)), StringComparison.Ordinal);
            }

            Assert.DoesNotContain(SigningKey, service.Output, StringComparison.Ordinal);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>POSTs as <paramref name="who"/> and returns the body of the expected acknowledgement.</summary>
    private static async Task<JsonElement> AcknowledgedAsync(ServiceProcess service, string path, object? body, string who, HttpStatusCode status)
    {
        using var response = await PostAsync(service, path, body, who);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"POST {path} as {who}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> PostAsync(ServiceProcess service, string path, object? body, string who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", KeyOf(who));
        return await service.Client.SendAsync(request);
    }

    /// <summary>SIGKILL right after the answer (no shutdown, no checkpoint, no disposal), then the same configuration again.</summary>
    private static async Task<ServiceProcess> KillAndRestartAsync(ServiceProcess service, ServiceProcessOptions options)
    {
        await service.KillAsync();
        await service.DisposeAsync();
        return await ServiceProcess.StartServingAsync(options);
    }

    private static async Task<JsonElement> OverrideAsync(ServiceProcess service, long id) =>
        JsonDocument.Parse(await service.Client.GetStringAsync(new Uri($"/overrides/{id}", UriKind.Relative))).RootElement.Clone();

    /// <summary>
    /// The log after a restart: what was kept before is still its prefix, entry for entry, the override's entries are
    /// <paramref name="kinds"/>, and the chain is intact, signed with the key and with no other.
    /// </summary>
    private static async Task<IReadOnlyList<OpLogRecord>> LogKeptAsync(ServiceProcess service, IReadOnlyList<OpLogRecord> kept, long id, params string[] kinds)
    {
        var log = await OpLogReader.ReadAllAsync(service.Client);
        Assert.Equal(kept.Select(e => (e.Seq, e.Hash)), log.Take(kept.Count).Select(e => (e.Seq, e.Hash)));
        Assert.Equal(kinds, log.Where(e => e.OverrideId == id).Select(e => e.Kind));
        OpLogReader.AssertIntact(log, Encoding.UTF8.GetBytes(SigningKey));
        Assert.False(OpLogChain.Verify(log, Encoding.UTF8.GetBytes(SigningKey.ToUpperInvariant())).IsIntact);
        return log;
    }
}
