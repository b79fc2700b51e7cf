namespace HealthGate.Contracts;

/// <summary>
/// The body of <c>POST /overrides</c>, field for field as the design fixes it. Everything is nullable: the service
/// names what is missing rather than failing to read it. Who asks is the caller's credential, never a field: a body
/// that names an <c>operator</c> or <c>approvers</c> is refused. <see cref="Operator"/> and <see cref="Approvers"/> exist
/// only so the service sees them and answers 400; a client never sets them.
/// </summary>
public sealed record OverrideRequest(
    string? Kind,
    string? Mode,
    string? RunId,
    string? Operator,
    IReadOnlyList<string>? Approvers,
    string? Reason,
    string? Ticket,
    string? Impact = null,
    string? Mitigation = null)
{
    public const string ForceStart = "force_start";
    public const string SkipHealthCheck = "skip_health_check";

    public static IReadOnlyList<string> Kinds { get; } = [ForceStart, SkipHealthCheck];

    /// <summary>Fields of the old body whose names were typed, not proven: their presence is a 400.</summary>
    public static IReadOnlyList<string> RetiredFields { get; } = ["operator", "approvers"];
}
