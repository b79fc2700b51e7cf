namespace HealthGate.Overrides;

/// <summary>The body of <c>POST /overrides</c>. Everything is nullable: <see cref="OverrideValidator"/> names what is missing.</summary>
internal sealed record OverrideRequest(
    string? Kind,
    string? Mode,
    string? RunId,
    string? Operator,
    string[]? Approvers,
    string? Reason,
    string? Ticket);
