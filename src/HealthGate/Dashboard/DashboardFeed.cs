using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HealthGate.Dashboard;

/// <summary>
/// Hears every readiness run and every preflight (after each is published or recorded), keeps the results in
/// <see cref="CheckHistory"/> and tells the open event streams of each status change and of the run.
/// </summary>
internal sealed class DashboardFeed(CheckHistory history, DashboardEvents events, IOptions<JsonOptions> json) : IRunObserver
{
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Preflight is { } preflight)
        {
            OnPreflight(preflight);
        }
        else if (run.Readiness is { } readiness)
        {
            OnReadiness(readiness);
        }

        return Task.CompletedTask;
    }

    private void OnReadiness(CheckRun run)
    {
        Record(run.Checks, run.StartedAt, CheckHistoryEntry.Readiness, mode: null, runId: null);
        Publish(DashboardEvent.Run, new RunCompleted(CheckHistoryEntry.Readiness, run.Status.ToString(), run.StartedAt, Math.Round(run.Duration.TotalMilliseconds, 3), run.Checks.Count), isChange: false);
    }

    private void OnPreflight(PreflightRun run)
    {
        Record(run.Checks, run.StartedAt, CheckHistoryEntry.Preflight, run.Mode, run.RunId);
        var status = run.Checks.Count == 0 ? CheckStatuses.Unhealthy : run.Checks.Min(c => c.Status).ToString();
        Publish(DashboardEvent.Run, new RunCompleted(CheckHistoryEntry.Preflight, status, run.StartedAt, run.DurationMs, run.Checks.Count, run.Mode, run.RunId, run.Verdict.Token(), run.ExitCode));
    }

    private void Record(IEnumerable<CheckResult> results, DateTimeOffset at, string source, string? mode, string? runId)
    {
        foreach (var result in results)
        {
            if (history.Record(result, at, source, mode, runId) is { } previous)
            {
                Publish(DashboardEvent.Check, new CheckTransition(result.Name, result.Tier.ToString(), result.Type, previous, result.Status.ToString(), result.Reason, result.Description, at, source));
            }
        }
    }

    private void Publish<T>(string type, T data, bool isChange = true) => events.Publish(new DashboardEvent(type, JsonSerializer.Serialize(data, _json)), isChange);
}
