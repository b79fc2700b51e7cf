using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// A fake clock for waiting on approvals: each time the CLI sleeps between two reads of an override (a timer of at
/// most the poll interval), the clock moves on by exactly that sleep, so a wait of minutes runs at once and every read
/// happens at a known fake time. Longer timers (request timeouts) only move when the polls move the clock.
/// </summary>
internal sealed class PollClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private int _sleeps;

    /// <summary>How many times the CLI slept between reads.</summary>
    public int Sleeps => Volatile.Read(ref _sleeps);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime <= Cli.Overrides.OverrideWait.Interval && period == Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _sleeps);

            // After CreateTimer has returned, so the sleeping task holds its timer before it fires.
            _ = Task.Run(async () =>
            {
                await Task.Delay(1);
                Advance(dueTime);
            });
        }

        return timer;
    }
}
