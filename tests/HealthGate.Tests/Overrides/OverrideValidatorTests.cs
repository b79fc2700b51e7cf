using HealthGate.Overrides;
using HealthGate.Preflight;
using Microsoft.Extensions.Options;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// The approval rules on requests built directly, no host: live needs two distinct approvers, a ticket and a reason;
/// paper one approver and a reason; nobody approves their own override. ApprovalRuleTests proves POST /overrides applies them.
/// </summary>
public sealed class OverrideValidatorTests
{
    private static readonly PreflightModes Modes = new(Options.Create(new ModesOptions { ["paper"] = new() { Tiers = ["P0"] }, ["live"] = new() { Tiers = ["P0", "P1"] } }));

    [Fact]
    public void ACompleteLiveRequestHasNoErrors()
    {
        Assert.Empty(Validate(Live("force_start", "run-1", "anna", "bert")));
    }

    [Fact]
    public void LiveWithOneApproverAndNoTicketOrReasonNamesEachField()
    {
        var errors = Validate(new OverrideRequest("force_start", "live", "run-1", "olga", ["anna"], null, null));

        Assert.Equal(["approvers", "reason", "ticket"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("2 distinct approvers", errors["approvers"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApproversDifferingOnlyInCaseOrPaddingCountAsOne()
    {
        var errors = Validate(Live("force_start", "run-1", "Anna", " anna "));

        Assert.Equal(["approvers"], errors.Keys);
        Assert.Contains("(got 1)", errors["approvers"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOperatorCannotApproveTheirOwnOverride()
    {
        var errors = Validate(Live("force_start", "run-1", "OLGA", "anna", "bert"));

        Assert.Equal(["approvers"], errors.Keys);
        Assert.Contains(errors["approvers"], e => e.Contains("own override", StringComparison.Ordinal));
    }

    [Fact]
    public void PaperNeedsOneApproverAndAReasonButNoTicket()
    {
        Assert.Equal(["approvers", "reason"], Validate(new OverrideRequest("skip_health_check", "paper", null, "olga", null, null, null)).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Validate(new OverrideRequest("skip_health_check", "paper", null, "olga", ["anna"], "rehearsal", null)));
    }

    [Fact]
    public void ForceStartNeedsTheRunItOverrides()
    {
        Assert.Equal(["runId"], Validate(Live("force_start", null, "anna", "bert")).Keys);
        Assert.Empty(Validate(Live("skip_health_check", null, "anna", "bert")));
    }

    [Theory]
    [InlineData("yolo_start", "live", "kind")]
    [InlineData(null, "live", "kind")]
    [InlineData("skip_health_check", "casino", "mode")]
    [InlineData("skip_health_check", " ", "mode")]
    public void AnUnknownOrMissingKindOrModeIsNamed(string? kind, string mode, string field)
    {
        var errors = Validate(new OverrideRequest(kind, mode, null, "olga", ["anna", "bert"], "r", "t"));

        Assert.Equal([field], errors.Keys);
    }

    private static OverrideRequest Live(string kind, string? runId, params string[] approvers) =>
        new(kind, "live", runId, "olga", approvers, "feed vendor outage", "OPS-1");

    private static Dictionary<string, string[]> Validate(OverrideRequest request) => OverrideValidator.Validate(request, Modes);
}
