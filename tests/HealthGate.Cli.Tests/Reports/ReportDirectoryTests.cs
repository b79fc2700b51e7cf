using HealthGate.Cli.Reports;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Reports;

/// <summary>PREFLIGHT_*.md reports: one per run, never overwritten, pruned after 30 days; other files untouched.</summary>
public sealed class ReportDirectoryTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task ReportsOlderThan30DaysArePrunedWhenAReportIsWritten()
    {
        Directory.CreateDirectory(_reports.Path);
        var old = Seed("PREFLIGHT_LIVE_20200101_000000.md", TimeSpan.FromDays(31));
        var recent = Seed("PREFLIGHT_PAPER_20200102_000000.md", TimeSpan.FromDays(29));
        var foreign = Seed("NOTES_20200101.md", TimeSpan.FromDays(400));
        var log = Seed(OperationalLog.FileName, TimeSpan.FromDays(400));
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));

        var result = await new CliRun().RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--non-interactive", "--yes"]);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(old), "a report older than 30 days is pruned");
        Assert.True(File.Exists(recent), "a report younger than 30 days is kept");
        Assert.True(File.Exists(foreign), "files that are not reports are not touched");
        Assert.True(File.Exists(log), "the operational log is never pruned");
        Assert.Equal(2, _reports.Reports().Length);
    }

    [Fact]
    public async Task TwoRunsInTheSameSecondKeepBothReports()
    {
        var run = CannedPreflight.Pass(DateTimeOffset.UtcNow);
        var started = System.Text.Json.JsonDocument.Parse(run).RootElement.GetProperty("startedAt").GetDateTimeOffset();
        var second = started.UtcDateTime.ToString("yyyyMMdd_HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        _gate.AnswerPreflight(run);

        // The launcher's clock pinned to the run's start: both answers are the same fresh run, however slow the machine.
        var clock = new ManualClock(started);
        await new CliRun { Time = clock }.RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path]);
        await new CliRun { Time = clock }.RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path]);

        Assert.Equal(
            [$"PREFLIGHT_LIVE_{second}.md", $"PREFLIGHT_LIVE_{second}_2.md"],
            _reports.Reports().Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheReportDirectoryIsCreatedWhenMissing()
    {
        var nested = Path.Combine(_reports.Path, "reports", "health");
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));

        var result = await new CliRun().RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", nested, "--non-interactive", "--yes"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Single(Directory.GetFiles(nested, "PREFLIGHT_LIVE_*.md"));
    }

    [Fact]
    public async Task AReportThatCannotBeWrittenAbortsWith1()
    {
        Directory.CreateDirectory(_reports.Path);
        var notADirectory = Seed("not-a-directory", TimeSpan.Zero);
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));

        var result = await new CliRun().RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", notADirectory]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"healthgate: ABORT — cannot write the report into '{notADirectory}'", result.Error, StringComparison.Ordinal);
    }

    private string Seed(string name, TimeSpan age)
    {
        var file = Path.Combine(_reports.Path, name);
        File.WriteAllText(file, "seeded");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - age);
        return file;
    }
}
