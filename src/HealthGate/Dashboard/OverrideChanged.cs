namespace HealthGate.Dashboard;

/// <summary>The data of an <c>override</c> event: which override, its state now, and the kind of op-log entry that recorded the change.</summary>
internal sealed record OverrideChanged(long Id, string State, string Event);
