namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// One service per test class, in-process on a real loopback port, with an http check per tier pointing at a stand-in
/// (execution-ready depends on core):
/// a test picks the verdict by setting what each tier's path answers. Tests of a class run one after another, so they
/// never race on the paths.
/// </summary>
public sealed class RealGateFixture : IAsyncLifetime
{
    private static readonly string[] ExecutionDependsOn = ["core"];

    private HealthGateApplication? _gate;
    private string? _url;

    public HttpStandIn StandIn { get; } = new();

    public string Url => _url ?? throw new InvalidOperationException("the gate is not started");

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
        _gate = HealthGateApplication.With([
            .. Settings.Check("core", "http", "P0", ("Url", StandIn.Url("/p0"))),
            .. Settings.Check("execution-ready", "http", "P1", ("Url", StandIn.Url("/p1")), ("DependsOn", ExecutionDependsOn)),
            .. Settings.Check("reports-disk", "http", "P2", ("Url", StandIn.Url("/p2"))),
            ("Modes:paper:Tiers:0", "P0"),
            ("Modes:live:Tiers:0", "P0"),
            ("Modes:live:Tiers:1", "P1"),
            ("Modes:live:Tiers:2", "P2"),
        ]);
        _url = _gate.ServeOnLoopback();
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
