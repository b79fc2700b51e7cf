using HealthGate.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// One real service per test class, with an http check per tier pointing at a stand-in: a test picks the verdict by
/// setting what each tier's path answers. Tests of a class run one after another, so they never race on the paths.
/// </summary>
public sealed class RealGateFixture : IAsyncLifetime
{
    private static readonly string[] PaperTiers = ["P0"];
    private static readonly string[] LiveTiers = ["P0", "P1", "P2"];

    private GateProcess? _gate;

    public HttpStandIn StandIn { get; } = new();

    public string Url => _gate?.Url ?? throw new InvalidOperationException("the gate is not started");

    /// <summary>What the P0, P1 and P2 checks' targets answer from now on.</summary>
    public void Answer(int p0, int p1, int p2)
    {
        StandIn.Respond("/p0", p0, "p0");
        StandIn.Respond("/p1", p1, "p1");
        StandIn.Respond("/p2", p2, "p2");
    }

    public async Task InitializeAsync()
    {
        await StandIn.InitializeAsync();
        Answer(200, 200, 200);
        _gate = await GateProcess.StartAsync(new
        {
            Checks = new Dictionary<string, object>
            {
                ["core"] = new { Type = "http", Tier = "P0", Url = StandIn.Url("/p0") },
                ["execution-ready"] = new { Type = "http", Tier = "P1", Url = StandIn.Url("/p1") },
                ["reports-disk"] = new { Type = "http", Tier = "P2", Url = StandIn.Url("/p2") },
            },
            Modes = new { paper = new { Tiers = PaperTiers }, live = new { Tiers = LiveTiers } },
        });
    }

    public async Task DisposeAsync()
    {
        if (_gate is not null)
        {
            await _gate.DisposeAsync();
        }

        await StandIn.DisposeAsync();
    }
}
