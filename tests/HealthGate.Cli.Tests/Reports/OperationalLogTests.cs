using System.Text.Json;
using HealthGate.Cli.Reports;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Reports;

/// <summary>The local operational log: JSON lines, appended, never losing a line to a concurrent launcher.</summary>
public sealed class OperationalLogTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ConcurrentAppendsKeepEveryLineWhole()
    {
        var log = new OperationalLog(_directory.Path);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            log.Append(new OperationalLogEntry("2026-11-22T08:53:04.123Z", "skip_health_check", "live", "proceed", 0) { Reason = new string('x', 2000) + i }))));

        var lines = _directory.LogLines();
        Assert.Equal(20, lines.Length);
        Assert.Equal(
            Enumerable.Range(0, 20).Select(i => new string('x', 2000) + i).Order(StringComparer.Ordinal),
            lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EntriesAreAppendedAfterExistingOnesWithoutEmptyFields()
    {
        var log = new OperationalLog(_directory.Path);

        log.Append(new OperationalLogEntry("2026-11-22T08:53:04.123Z", "preflight_abort", "paper", "abort", 1) { Cause = "first" });
        log.Append(new OperationalLogEntry("2026-11-22T08:53:05.123Z", "preflight_abort", "paper", "abort", 1) { Cause = "second" });

        var lines = _directory.LogLines();
        Assert.Equal(["first", "second"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("cause").GetString()));
        Assert.DoesNotContain("null", lines[0], StringComparison.Ordinal);
    }
}
