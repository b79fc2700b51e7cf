namespace HealthGate.Cli.Gate;

/// <summary>The body of <c>POST /overrides</c>, field for field as the design fixes it.</summary>
internal sealed record OverrideRequest(
    string Kind,
    string Mode,
    string? RunId,
    string Operator,
    IReadOnlyList<string> Approvers,
    string? Reason,
    string? Ticket)
{
    public const string ForceStart = "force_start";
    public const string SkipHealthCheck = "skip_health_check";
}
