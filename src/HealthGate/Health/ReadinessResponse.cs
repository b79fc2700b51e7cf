using System.Globalization;
using System.Text.Json.Serialization;
using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Health;

/// <summary>The readiness body in the HealthChecks UI client format, so an existing HealthChecks UI can poll it.</summary>
internal sealed record ReadinessResponse(
    [property: JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))] HealthStatus Status,
    string TotalDuration,
    IReadOnlyDictionary<string, ReadinessEntry> Entries)
{
    public const string PublisherEntry = "healthgate-readiness";

    public static ReadinessResponse From(CheckRun? run, DateTimeOffset now, TimeSpan maxAge)
    {
        var entries = (run?.Checks ?? []).ToDictionary(c => c.Name, ReadinessEntry.From);
        var status = run?.Status ?? HealthStatus.Unhealthy;
        if (Problem(run, now, maxAge) is { } problem)
        {
            // Fail closed: a result nobody refreshed says nothing about now.
            status = HealthStatus.Unhealthy;
            var reason = run is { Checks.Count: 0 } ? Reasons.NoChecks : Reasons.StaleResult;
            entries[PublisherEntry] = new ReadinessEntry(HealthStatus.Unhealthy, Format(TimeSpan.Zero), problem, new Dictionary<string, object> { [CheckOutcome.ReasonKey] = reason }, []);
        }

        return new ReadinessResponse(status, Format(run?.Duration ?? TimeSpan.Zero), entries);
    }

    /// <summary>The readiness status alone, without building the body (for <c>healthgate_ready</c> on every scrape).</summary>
    public static HealthStatus StatusOf(CheckRun? run, DateTimeOffset now, TimeSpan maxAge) =>
        run is null || Problem(run, now, maxAge) is not null ? HealthStatus.Unhealthy : run.Status;

    private static string? Problem(CheckRun? run, DateTimeOffset now, TimeSpan maxAge) =>
        run is null ? "no readiness run has completed yet"
            : run.Checks.Count == 0 ? "the readiness run had no check: an empty gate proves nothing"
            : now - run.StartedAt > maxAge ? $"the latest readiness run is older than {maxAge.TotalSeconds:F0} s"
            : null;

    internal static string Format(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);
}

internal sealed record ReadinessEntry(
    [property: JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))] HealthStatus Status,
    string Duration,
    string Description,
    IReadOnlyDictionary<string, object> Data,
    IReadOnlyList<string> Tags)
{
    public static ReadinessEntry From(CheckResult check) => new(
        check.Status,
        ReadinessResponse.Format(TimeSpan.FromMilliseconds(check.DurationMs)),
        check.Description,
        new Dictionary<string, object>(check.Data) { [CheckOutcome.ReasonKey] = check.Reason },
        check.Tags);
}
