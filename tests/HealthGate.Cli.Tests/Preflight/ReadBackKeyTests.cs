using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Preflight;

/// <summary>
/// A gate whose history needs a key (<c>Auth:RequireKeyForReads</c>): the launcher's GO is read back with its own
/// key, and without one the same PASS is not a GO, since it cannot be read back.
/// </summary>
public sealed class ReadBackKeyTests : IAsyncLifetime, IDisposable
{
    private const string ApiKey = "launcher-key-5e0a3b17c4";

    private readonly HttpStandIn _standIn = new();
    private readonly TempDirectory _reports = new();
    private HealthGateApplication? _gate;
    private string _url = "";

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _standIn.Respond("/core", 200, "ok");
        _gate = HealthGateApplication.With([
            .. Settings.Check("core", "http", "P0", ("Url", _standIn.Url("/core"))),
            ("Auth:ApiKeys:launcher", ApiKey),
            ("Auth:RequireKeyForReads", true),
        ]);
        _url = _gate.ServeOnLoopback();
    }

    public async Task DisposeAsync()
    {
        if (_gate is not null)
        {
            await _gate.DisposeAsync();
        }

        await _standIn.DisposeAsync();
    }

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task WithTheLaunchersKeyThePassIsReadBackAndAccepted()
    {
        var result = await new CliRun { ApiKey = ApiKey }.RunAsync(["preflight", "--mode", "paper", "--url", _url, "--report-dir", _reports.Path]);

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.Error}");
        Assert.Contains("recorded by the gate (read back)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAKeyThePassCannotBeReadBackAndIsRefused()
    {
        var result = await new CliRun().RunAsync(["preflight", "--mode", "paper", "--url", _url, "--report-dir", _reports.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not accepted: reading it back from", result.Error, StringComparison.Ordinal);
        Assert.Contains("answered HTTP 401", result.Error, StringComparison.Ordinal);
        Assert.Empty(_reports.Reports());
    }
}
