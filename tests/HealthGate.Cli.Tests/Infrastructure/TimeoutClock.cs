using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells when the CLI armed a timer (its request timeout), so a test advances time only once the
/// request is on its way: the timeout is then decided by the test, to the millisecond, not by a wall-clock range.
/// </summary>
internal sealed class TimeoutClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.TrySetResult();
        return timer;
    }

    /// <summary>Waits (at most 30 s of real time, so a CLI that never arms one fails instead of hanging) for the first timer.</summary>
    public Task ArmedAsync() => _armed.Task.WaitAsync(TimeSpan.FromSeconds(30));
}
