using static HealthGate.Testing.Settings;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// A running gate for the pipeline recipes: the service on a loopback port with a P0, a P1 and a P2 check against a
/// stand-in, whose answers make the next run's verdict whatever a test asks for.
/// </summary>
public sealed class RecipeGate : IAsyncLifetime
{
    private readonly HttpStandIn _standIn = new();
    private HealthGateApplication? _app;

    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/core"))),
            .. Check("feed", "http", "P1", ("Url", _standIn.Url("/feed"))),
            .. Check("cosmetic", "http", "P2", ("Url", _standIn.Url("/cosmetic"))),
        ]);
        Url = _app.ServeOnLoopback();
        Make("PASS");
    }

    /// <summary>The dependencies answer so that the next run's verdict is <paramref name="verdict"/>.</summary>
    public void Make(string verdict)
    {
        _standIn.Respond("/core", verdict == "P0_FAIL" ? 500 : 200, "x");
        _standIn.Respond("/feed", verdict is "P0_FAIL" or "P1_FAIL" ? 500 : 200, "x");
        _standIn.Respond("/cosmetic", verdict == "P2_WARN" ? 500 : 200, "x");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _standIn.DisposeAsync();
    }
}
