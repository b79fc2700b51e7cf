using HealthGate.Runs;

namespace HealthGate.Storage;

/// <summary>The run history. A save is durable when the returned task completes: a caller may answer at once.</summary>
internal interface IRunStore
{
    Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken);

    Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The latest runs, newest first, of one mode or of all when <paramref name="mode"/> is null.</summary>
    Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The runs started before <paramref name="before"/>, newest first: the next page after it. Ordered by
    /// (started_at, run_id), as the latest runs are (two runs of one millisecond have no order by their ids alone).
    /// </summary>
    Task<IReadOnlyList<PreflightRun>> ListRunsBeforeAsync(string? mode, PreflightRun before, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes runs (with their checks) that started before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
