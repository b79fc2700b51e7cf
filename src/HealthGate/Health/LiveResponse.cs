namespace HealthGate.Health;

/// <summary>The constant liveness body: the process serves.</summary>
internal sealed record LiveResponse(string Status)
{
    public static LiveResponse Healthy { get; } = new("Healthy");
}
