using System.Net;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>Who must approve what: live needs two approvers, a ticket and a reason; paper one approver and a reason.</summary>
public sealed class ApprovalRuleTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly string[] OneApprover = ["anna"];
    private static readonly string[] TwoApprovers = ["anna", "bert"];

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
    public async Task ApproversDifferingOnlyInCaseCountAsOne()
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync("P1_FAIL");

        var problem = await IsProblemAsync(await gate.PostAsync(Live("force_start", runId, "Anna", " anna ")), HttpStatusCode.BadRequest);

        Assert.Equal(["approvers"], ErrorFields(problem));
    }

    [Fact]
    public async Task TheOperatorCannotApproveTheirOwnOverride()
    {
        await using var gate = WithKey(_standIn);
        var runId = await gate.RunAsync("P1_FAIL");

        var problem = await IsProblemAsync(await gate.PostAsync(Live("force_start", runId, "OLGA", "anna", "bert")), HttpStatusCode.BadRequest);

        Assert.Contains("own override", problem.GetProperty("errors").GetProperty("approvers")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaperWithoutApproverOrReasonIs400NamingBoth()
    {
        await using var gate = WithKey(_standIn);

        var response = await gate.PostAsync(new { kind = "skip_health_check", mode = "paper", @operator = "olga" });

        Assert.Equal(["approvers", "reason"], ErrorFields(await IsProblemAsync(response, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task PaperNeedsOnlyOneApproverAndAReason()
    {
        await using var gate = WithKey(_standIn);
        var response = await gate.PostAsync(new { kind = "skip_health_check", mode = "paper", @operator = "olga", approvers = OneApprover, reason = "rehearsal" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task UnknownKindIs400()
    {
        await using var gate = WithKey(_standIn);

        var response = await gate.PostAsync(Live("yolo_start", null, "anna", "bert"));

        Assert.Equal(["kind"], ErrorFields(await IsProblemAsync(response, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task UnknownModeIs400()
    {
        await using var gate = WithKey(_standIn);

        var response = await gate.PostAsync(new { kind = "skip_health_check", mode = "casino", @operator = "olga", approvers = TwoApprovers, reason = "r", ticket = "t" });

        Assert.Equal(["mode"], ErrorFields(await IsProblemAsync(response, HttpStatusCode.BadRequest)));
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
