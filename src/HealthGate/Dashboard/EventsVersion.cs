namespace HealthGate.Dashboard;

/// <summary>The body of <c>GET /events/version</c>.</summary>
internal sealed record EventsVersion(long Version);
