using System.Net;
using System.Text.Json;
using HealthGate.Storage;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Health;

/// <summary>
/// <c>/health/self</c>: whether the gate itself can give verdicts (configuration, store writable, background loop
/// alive), from memory, never from the desk's checks: the gate's own readiness (docs/fail-closed.md §16).
/// </summary>
public sealed class SelfTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly string[] Conditions = ["configuration", "readiness-loop", "store"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task TheBodyNamesEachConditionAndIs200WhenEveryOneHolds()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var (status, body) = await WaitForSelfAsync(client, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var conditions = body.GetProperty("conditions");
        Assert.Equal(Conditions, conditions.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(conditions.EnumerateObject(), c =>
        {
            Assert.Equal("Healthy", c.Value.GetProperty("status").GetString());
            Assert.Equal("ok", c.Value.GetProperty("reason").GetString());
            Assert.False(string.IsNullOrWhiteSpace(c.Value.GetProperty("description").GetString()));
        });
    }

    [Fact]
    public async Task TheGateStaysSelfReadyWhileTheDesksOnlyP0CheckFails()
    {
        _standIn.Respond("/self-p0-down", 500, "down");
        await using var app = HealthGateApplication.With([.. Check("core", "http", "P0", ("Url", _standIn.Url("/self-p0-down")))]);
        using var client = app.CreateClient();
        await ProcessRunner.WaitUntilAsync(
            async () => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30),
            "/health/ready answering 503 with the desk's P0 check failing");

        var (status, body) = await WaitForSelfAsync(client, HttpStatusCode.OK);

        Assert.True(status == HttpStatusCode.OK, body.GetRawText());
    }

    [Fact]
    public async Task AFailedStoreWriteTurnsItTo503AtOnceNamingTheStoreAndTheNextGoodWriteBackTo200()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        await WaitForSelfAsync(client, HttpStatusCode.OK);
        var writes = app.Services.GetRequiredService<StoreWriteState>();

        writes.Failed("SqliteException: database or disk is full");
        var (failing, failingBody) = await GetSelfAsync(client);
        writes.Succeeded();
        var (recovered, _) = await GetSelfAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing);
        Assert.Equal("Unhealthy", failingBody.GetProperty("status").GetString());
        var store = failingBody.GetProperty("conditions").GetProperty("store");
        Assert.Equal(StoreCondition.WriteFailed, store.GetProperty("reason").GetString());
        Assert.Contains("database or disk is full", store.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", failingBody.GetProperty("conditions").GetProperty("readiness-loop").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, recovered);
    }

    [Fact]
    public async Task AReadinessLoopThatHasNotRunForThreePeriodsTurnsItTo503()
    {
        var clock = new ShiftedTimeProvider();
        await using var app = HealthGateApplication.With(("Readiness:PeriodSeconds", 60));
        await using var shifted = app.WithServices(s => s.AddSingleton<TimeProvider>(clock));
        using var client = shifted.CreateClient();
        await WaitForSelfAsync(client, HttpStatusCode.OK);

        // Three periods (180 s) and the baseline check's 2 s timeout, then some.
        clock.Offset = TimeSpan.FromMinutes(4);
        var (status, body) = await GetSelfAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var loop = body.GetProperty("conditions").GetProperty("readiness-loop");
        Assert.Equal("Unhealthy", loop.GetProperty("status").GetString());
        Assert.Equal("stale", loop.GetProperty("reason").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetSelfAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/self", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Until the first background readiness run, the loop condition holds the answer at 503.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitForSelfAsync(HttpClient client, HttpStatusCode wanted)
    {
        (HttpStatusCode Status, JsonElement Body) last = default;
        await ProcessRunner.WaitUntilAsync(
            async () =>
            {
                last = await GetSelfAsync(client);
                return last.Status == wanted;
            },
            TimeSpan.FromSeconds(30),
            $"/health/self answering {(int)wanted}");
        return last;
    }
}
