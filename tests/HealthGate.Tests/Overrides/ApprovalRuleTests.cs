using System.Net;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// POST /overrides applies the approval rules (OverrideValidatorTests has them case by case, without a host): a
/// refused request is a 400 naming each field and records nothing, a complete one is recorded.
/// </summary>
public sealed class ApprovalRuleTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly string[] OneApprover = ["anna"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task LiveWithoutApproversTicketOrReasonIs400NamingEachField()
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync("P1_FAIL");

        var response = await gate.PostAsync(new { kind = "force_start", mode = "live", runId, @operator = "olga", approvers = OneApprover });

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["approvers", "reason", "ticket"], ErrorFields(problem));
        Assert.Contains("approvers", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await gate.GetJsonAsync("/overrides")).GetArrayLength());
    }

    [Fact]
    public async Task PaperNeedsOnlyOneApproverAndAReason()
    {
        await using var gate = WithKey(_standIn);
        var response = await gate.PostAsync(new { kind = "skip_health_check", mode = "paper", @operator = "olga", approvers = OneApprover, reason = "rehearsal" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("{\"approvers\":\"anna\"}")]
    public async Task ABodyThatIsNotAnOverrideRequestIs400(string body)
    {
        await using var gate = WithKey(_standIn);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/overrides") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", Key);

        await IsProblemAsync(await gate.Client.SendAsync(request), HttpStatusCode.BadRequest);
    }
}
