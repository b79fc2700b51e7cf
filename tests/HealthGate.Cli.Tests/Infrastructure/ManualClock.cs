namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>A clock a test moves by hand; timers still run on real time, so timeouts keep working.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
