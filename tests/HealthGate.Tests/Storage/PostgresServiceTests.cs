using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using Npgsql;

namespace HealthGate.Tests.Storage;

/// <summary>The whole service on the production store: a run and an override go to PostgreSQL and read back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServiceTests(PostgresServer server)
{
    private static readonly string[] Approvers = ["anna", "bert"];

    [Fact]
    public async Task RunsAndOverridesAreKeptInPostgres()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var app = HealthGateApplication.With(("Storage:Provider", "postgres"), ("Storage:ConnectionString", connectionString), ("Auth:ApiKeys:ops", "pg-test-key-41c2"));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "pg-test-key-41c2");
        var run = JsonDocument.Parse(await client.GetStringAsync(new Uri("/preflight?mode=paper", UriKind.Relative))).RootElement;
        var runId = run.GetProperty("runId").GetString();

        var created = await client.PostAsJsonAsync("/overrides", new { kind = "skip_health_check", mode = "live", @operator = "olga", approvers = Approvers, reason = "r", ticket = "t" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/preflight/runs/{runId}", UriKind.Relative))).StatusCode);
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM healthgate_op_log WHERE kind = 'skip_health_check' AND operator_name = 'olga'", check);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
