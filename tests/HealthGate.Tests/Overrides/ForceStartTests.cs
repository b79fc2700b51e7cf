using System.Net;
using System.Text.Json;
using HealthGate.Runs;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>force_start against runs of every verdict: only a P1_FAIL can be overridden.</summary>
public sealed class ForceStartTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly string[] OneApprover = ["anna"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ForceStartOnP1FailWithTwoApproversIsRecordedBefore201()
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync("P1_FAIL");

        var response = await gate.PostAsync(Live("force_start", runId, "anna", "bert"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/overrides/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", created.GetProperty("timestamp").GetString());
        Assert.Equal("proceed", created.GetProperty("decision").GetString());
        Assert.Equal("P1_FAIL", created.GetProperty("verdict").GetString());
        Assert.Equal(2, created.GetProperty("exitCode").GetInt32());
        Assert.Equal("feed", created.GetProperty("failures")[0].GetProperty("check").GetString());
        Assert.Equal("ops", created.GetProperty("apiKeyName").GetString());
        Assert.Equal("CHG-42", created.GetProperty("ticket").GetString());
        var listed = await gate.GetJsonAsync("/overrides");
        Assert.Equal(id, listed[0].GetProperty("id").GetInt64());
        Assert.Equal(runId, (await gate.GetJsonAsync($"/overrides/{id}")).GetProperty("runId").GetString());
    }

    [Fact]
    public async Task ForceStartOnP0FailIs409AndTheAttemptIsLoggedAsRefused()
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync("P0_FAIL");

        var problem = await IsProblemAsync(await gate.PostAsync(Live("force_start", runId, "anna", "bert")), HttpStatusCode.Conflict);

        Assert.Contains("P0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var logged = (await gate.GetJsonAsync("/overrides"))[0];
        Assert.Equal("refused", logged.GetProperty("decision").GetString());
        Assert.Equal(runId, logged.GetProperty("runId").GetString());
        Assert.Equal("olga", logged.GetProperty("operator").GetString());
    }

    [Theory]
    [InlineData("PASS")]
    [InlineData("P2_WARN")]
    public async Task ForceStartOnAGoRunIs409BecauseThereIsNothingToOverride(string verdict)
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync(verdict);

        var problem = await IsProblemAsync(await gate.PostAsync(Live("force_start", runId, "anna", "bert")), HttpStatusCode.Conflict);

        Assert.Contains(verdict, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await gate.GetJsonAsync("/overrides")).GetArrayLength());
    }

    [Fact]
    public async Task ForceStartOnAnUnknownRunIs404()
    {
        await using var gate = WithKey(_standIn);

        await IsProblemAsync(await gate.PostAsync(Live("force_start", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "anna", "bert")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ForceStartWithoutARunIdIs400NamingRunId()
    {
        await using var gate = WithKey(_standIn);

        var problem = await IsProblemAsync(await gate.PostAsync(Live("force_start", null, "anna", "bert")), HttpStatusCode.BadRequest);

        Assert.Equal(["runId"], ErrorFields(problem));
    }

    [Fact]
    public async Task ForceStartOnARunOfAnotherModeIs409()
    {
        await using var gate = WithKey(_standIn);
        var liveRun = await gate.RunAsync("P1_FAIL");

        var response = await gate.PostAsync(new { kind = "force_start", mode = "paper", runId = liveRun, @operator = "olga", approvers = OneApprover, reason = "r" });

        var problem = await IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("'live' run", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipHealthCheckNeedsNoRun()
    {
        await using var gate = WithKey(_standIn);

        var response = await gate.PostAsync(Live("skip_health_check", null, "anna", "bert"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Null, created.GetProperty("runId").ValueKind);
        Assert.Equal("skip_health_check", created.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task SkipHealthCheckNamingAP0FailRunIs409()
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync("P0_FAIL");

        await IsProblemAsync(await gate.PostAsync(Live("skip_health_check", runId, "anna", "bert")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task FailedPreflightsAreInTheOperationalLogButNotListedAsOverrides()
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync("P1_FAIL");
        await gate.RunAsync("PASS");

        var store = (HealthGate.Storage.IGateStore)gate.Services.GetService(typeof(HealthGate.Storage.IGateStore))!;
        var failures = await store.ListEntriesAsync([HealthGate.Runs.OpLogKinds.PreflightFailure], 10, CancellationToken.None);

        var entry = Assert.Single(failures);
        Assert.Equal(runId, entry.RunId);
        Assert.Equal("abort", entry.Decision);
        Assert.Equal(2, entry.ExitCode);
        Assert.Equal("feed", Assert.Single(entry.Failures).Check);
        Assert.Equal(0, (await gate.GetJsonAsync("/overrides")).GetArrayLength());
    }
}
