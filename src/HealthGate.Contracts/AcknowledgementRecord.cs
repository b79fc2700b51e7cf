namespace HealthGate.Contracts;

/// <summary>
/// A person silencing one check's notifications until <see cref="Until"/>, with why. The verdict never reads it: only
/// notifications do. <see cref="Seq"/> is the operational log entry that records it.
/// </summary>
public sealed record AcknowledgementRecord
{
    public long Id { get; init; }

    public required string Check { get; init; }

    /// <summary>The person whose own credential made it.</summary>
    public required Actor By { get; init; }

    public DateTimeOffset At { get; init; }

    public DateTimeOffset Until { get; init; }

    public required string Reason { get; init; }

    public long Seq { get; init; }
}
