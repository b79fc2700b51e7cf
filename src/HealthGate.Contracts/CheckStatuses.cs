namespace HealthGate.Contracts;

/// <summary>The status tokens of the preflight JSON (the names of ASP.NET Core's <c>HealthStatus</c>).</summary>
public static class CheckStatuses
{
    public const string Healthy = "Healthy";
    public const string Degraded = "Degraded";
    public const string Unhealthy = "Unhealthy";

    public static IReadOnlyList<string> All { get; } = [Healthy, Degraded, Unhealthy];
}
