namespace HealthGate.Cli.Gate;

/// <summary>The <c>summary</c> counts as the gate sent them; a count that is missing or not an integer is null.</summary>
internal sealed record ReportedSummary(int? Total, int? Healthy, int? Degraded, int? Unhealthy);
