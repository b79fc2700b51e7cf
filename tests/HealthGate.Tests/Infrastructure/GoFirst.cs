using static HealthGate.Testing.Preflights;

namespace HealthGate.Tests.Infrastructure;

/// <summary>
/// A fault row starts from GO, so the NO-GO after it is the fault's doing. A freshly started service makes its
/// connections and compiles its paths in its first runs, which a loaded machine can stretch past a check's timeout:
/// the row waits for that GO instead of expecting it from the first run.
/// </summary>
internal static class GoFirst
{
    public static Task WaitForPassAsync(HealthGateApplication app, string mode, string before) => ProcessRunner.WaitUntilAsync(
        async () => (await GetPreflightAsync(app, mode)).Json.GetProperty("verdict").GetString() == "PASS",
        TimeSpan.FromSeconds(30),
        $"PASS before {before}");
}
