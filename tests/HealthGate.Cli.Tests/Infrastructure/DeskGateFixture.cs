namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>One <see cref="DeskGate"/> shared by the tests of a class, which run one after another (so they never race on the stand-in).</summary>
public sealed class DeskGateFixture : IAsyncLifetime
{
    private DeskGate? _desk;

    internal DeskGate Desk => _desk ?? throw new InvalidOperationException("the desk's gate is not started");

    public async Task InitializeAsync() => _desk = await DeskGate.StartAsync();

    public async Task DisposeAsync()
    {
        if (_desk is not null)
        {
            await _desk.DisposeAsync();
        }
    }
}
