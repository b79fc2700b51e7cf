namespace HealthGate.Contracts;

/// <summary>
/// The body of <c>POST /overrides</c>, field for field as the design fixes it. Everything is nullable: the service
/// names what is missing rather than failing to read it.
/// </summary>
public sealed record OverrideRequest(
    string? Kind,
    string? Mode,
    string? RunId,
    string? Operator,
    IReadOnlyList<string>? Approvers,
    string? Reason,
    string? Ticket)
{
    public const string ForceStart = "force_start";
    public const string SkipHealthCheck = "skip_health_check";

    public static IReadOnlyList<string> Kinds { get; } = [ForceStart, SkipHealthCheck];
}
