using HealthGate.Checks;

namespace HealthGate.Health;

/// <summary>
/// The latest background run of the readiness checks and its body, written once per run; probes read it and never
/// run checks. The body for a missing or stale run is written on first need and kept.
/// </summary>
internal sealed class ReadinessState
{
    private volatile ReadinessSnapshot? _latest;
    private volatile ReadinessBody? _noRun;

    public CheckRun? Latest => _latest?.Run;

    public async Task PublishAsync(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var body = await ReadinessBody.WriteAsync(ReadinessReport.AsPublished(run));
        _latest = new ReadinessSnapshot(run, body);
    }

    public ValueTask<ReadinessBody> AnswerAsync(DateTimeOffset now, TimeSpan maxAge)
    {
        var latest = _latest;
        if (latest is null)
        {
            return _noRun is { } noRun ? ValueTask.FromResult(noRun) : new(WriteNoRunAsync(now, maxAge));
        }

        return ReadinessReport.IsStale(latest.Run, now, maxAge) ? latest.StaleAsync(now, maxAge) : ValueTask.FromResult(latest.Published);
    }

    private async Task<ReadinessBody> WriteNoRunAsync(DateTimeOffset now, TimeSpan maxAge) =>
        _noRun = await ReadinessBody.WriteAsync(ReadinessReport.From(null, now, maxAge));
}
