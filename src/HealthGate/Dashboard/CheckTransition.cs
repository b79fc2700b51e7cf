namespace HealthGate.Dashboard;

/// <summary>The data of a <c>check</c> event: a check's latest status changed.</summary>
internal sealed record CheckTransition(string Name, string Tier, string Type, string From, string To, string Reason, string Description, DateTimeOffset At, string Source);
