using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Health;

/// <summary>
/// The background run as ASP.NET Core's <see cref="HealthReport"/>, which HealthChecks UI's writer turns into the
/// readiness body; a missing, empty or stale run is Unhealthy with the synthetic <see cref="PublisherEntry"/>.
/// </summary>
internal static class ReadinessReport
{
    public const string PublisherEntry = "healthgate-readiness";

    /// <summary>The report <c>/health/ready</c> gives at <paramref name="now"/>.</summary>
    public static HealthReport From(CheckRun? run, DateTimeOffset now, TimeSpan maxAge)
    {
        var entries = new Dictionary<string, HealthReportEntry>(StringComparer.Ordinal);
        foreach (var check in run?.Checks ?? [])
        {
            entries[check.Name] = new HealthReportEntry(
                check.Status,
                check.Description,
                TimeSpan.FromMilliseconds(check.DurationMs),
                exception: null,
                new Dictionary<string, object>(check.Data) { [CheckOutcome.ReasonKey] = check.Reason },
                check.Tags);
        }

        var status = run?.Status ?? HealthStatus.Unhealthy;
        if (Problem(run, now, maxAge) is { } problem)
        {
            // Fail closed: a result nobody refreshed says nothing about now.
            status = HealthStatus.Unhealthy;
            var reason = run is { Checks.Count: 0 } ? Reasons.NoChecks : Reasons.StaleResult;
            entries[PublisherEntry] = new HealthReportEntry(
                HealthStatus.Unhealthy, problem, TimeSpan.Zero, exception: null, new Dictionary<string, object> { [CheckOutcome.ReasonKey] = reason });
        }

        return new HealthReport(entries, status, run?.Duration ?? TimeSpan.Zero);
    }

    /// <summary>The report as of the run's own start: never stale, so it can be written once per run.</summary>
    public static HealthReport AsPublished(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return From(run, run.StartedAt, TimeSpan.MaxValue);
    }

    /// <summary>The readiness status alone, without building the body (for <c>healthgate_ready</c> on every scrape).</summary>
    public static HealthStatus StatusOf(CheckRun? run, DateTimeOffset now, TimeSpan maxAge) =>
        run is null || Problem(run, now, maxAge) is not null ? HealthStatus.Unhealthy : run.Status;

    public static bool IsStale(CheckRun run, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(run);
        return now - run.StartedAt > maxAge;
    }

    private static string? Problem(CheckRun? run, DateTimeOffset now, TimeSpan maxAge) =>
        run is null ? "no readiness run has completed yet"
            : run.Checks.Count == 0 ? "the readiness run had no check: an empty gate proves nothing"
            : IsStale(run, now, maxAge) ? $"the latest readiness run is older than {maxAge.TotalSeconds:F0} s"
            : null;
}
