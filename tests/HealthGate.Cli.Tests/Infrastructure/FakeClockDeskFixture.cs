using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// A <see cref="DeskGate"/> whose service runs on a fake clock, started at the real time: a test moves the gate past
/// an override's approval window in an instant instead of waiting it out. The CLI processes keep the real clock.
/// </summary>
public sealed class FakeClockDeskFixture : IAsyncLifetime
{
    private DeskGate? _desk;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    internal DeskGate Desk => _desk ?? throw new InvalidOperationException("the desk's gate is not started");

    public async Task InitializeAsync() => _desk = await DeskGate.StartAsync(Time);

    public async Task DisposeAsync()
    {
        if (_desk is not null)
        {
            await _desk.DisposeAsync();
        }
    }
}
