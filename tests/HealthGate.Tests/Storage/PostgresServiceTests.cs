using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;
using Npgsql;

namespace HealthGate.Tests.Storage;

/// <summary>The whole service on the production store: a run and an override go to PostgreSQL and read back.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServiceTests(PostgresServer server)
{
    [Fact]
    public async Task RunsAndOverridesAreKeptInPostgres()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var app = HealthGateApplication.With(GateScenario.People(("Storage:Provider", "postgres"), ("Storage:ConnectionString", connectionString)));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", GateScenario.PersonKeys["olga"]);
        var run = JsonDocument.Parse(await client.GetStringAsync(new Uri("/preflight?mode=paper", UriKind.Relative))).RootElement;
        var runId = run.GetProperty("runId").GetString();

        var created = await client.PostAsJsonAsync("/overrides", GateScenario.Request("skip_health_check", "live", null));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/preflight/runs/{runId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/overrides/{id}", UriKind.Relative))).StatusCode);
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var overrides = new NpgsqlCommand("SELECT COUNT(*) FROM healthgate_overrides WHERE id = @id AND kind = 'skip_health_check' AND state = 'pending' AND requested_by_id = 'olga'", check);
        overrides.Parameters.AddWithValue("id", id);
        Assert.Equal(1L, await overrides.ExecuteScalarAsync());
        await using var entries = new NpgsqlCommand("SELECT COUNT(*) FROM healthgate_oplog WHERE override_id = @id AND kind = 'override_requested' AND who_id = 'olga' AND who_kind = 'person'", check);
        entries.Parameters.AddWithValue("id", id);
        Assert.Equal(1L, await entries.ExecuteScalarAsync());
    }
}
