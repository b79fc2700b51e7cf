using HealthGate.Checks;
using HealthGate.Preflight;
using HealthGate.Runs;
using HealthGate.Secrets;
using HealthGate.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Overrides;

/// <summary>
/// Decides an override request and appends it to the operational log before answering: 201 only once it is
/// durable. force_start needs a P1_FAIL run; a P0_FAIL run is never overridden, and the attempt is logged.
/// </summary>
internal sealed class OverrideRecorder(
    IRunStore runs,
    IOpLogStore opLog,
    PreflightModes modes,
    IEnumerable<IOverrideObserver> observers,
    SecretRedactor redactor,
    ILogger<OverrideRecorder> logger)
{
    public async Task<Results<Created<OpLogEntry>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        OverrideRequest request,
        string? apiKeyName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = OverrideValidator.Validate(request, modes);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(
                errors,
                title: "The override request is incomplete or invalid",
                detail: $"missing or invalid: {string.Join(", ", errors.Keys)}");
        }

        modes.TryGet(request.Mode, out var mode, out _);
        var kind = request.Kind!;
        try
        {
            PreflightRun? run = null;
            if (!string.IsNullOrWhiteSpace(request.RunId))
            {
                run = await runs.FindRunAsync(request.RunId.Trim(), cancellationToken);
                if (run is null)
                {
                    return Problem(StatusCodes.Status404NotFound, "Unknown run", $"no preflight run '{request.RunId}' in the history");
                }
            }

            var conflict = Conflict(kind, mode, run);
            if (conflict is { Recorded: false })
            {
                return Problem(StatusCodes.Status409Conflict, "Nothing to override", conflict.Cause);
            }

            var entry = await opLog.AppendAsync(Entry(request, kind, mode, run, conflict is null, apiKeyName), cancellationToken);
            if (conflict is not null)
            {
                OverridesLog.Refused(logger, kind, mode, run?.RunId, entry.Id, conflict.Cause);
                return Problem(StatusCodes.Status409Conflict, "P0 has no override", $"{conflict.Cause} (the attempt is recorded as operational log entry {entry.Id})");
            }

            OverridesLog.Recorded(logger, kind, mode, run?.RunId, entry.Id, entry.Operator, string.Join(", ", entry.Approvers), entry.Ticket);
            await NotifyAsync(entry);
            return TypedResults.Created($"/overrides/{entry.Id}", entry);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = redactor.Describe(ex);
            OverridesLog.StoreFailed(logger, kind, mode, error);
            return Problem(StatusCodes.Status503ServiceUnavailable, "The operational log is unavailable", "the override was NOT recorded; retry when the store is back");
        }
    }

    /// <summary>Why the run's state forbids the override; <c>Recorded</c> when the attempt itself belongs in the log.</summary>
    private static RunConflict? Conflict(string kind, string mode, PreflightRun? run)
    {
        if (run is null)
        {
            return null;
        }

        if (run.Verdict == Verdict.P0Fail)
        {
            return new($"run {run.RunId} is P0_FAIL: P0 checks have no override ({Failures(run)})", Recorded: true);
        }

        if (!string.Equals(run.Mode, mode, StringComparison.Ordinal))
        {
            return new($"run {run.RunId} is a '{run.Mode}' run, not '{mode}'", Recorded: false);
        }

        return kind == OpLogKinds.ForceStart && run.Verdict != Verdict.P1Fail
            ? new($"run {run.RunId} is {run.Verdict.Token()}: force_start overrides only a P1_FAIL", Recorded: false)
            : null;
    }

    private static OpLogEntry Entry(OverrideRequest request, string kind, string mode, PreflightRun? run, bool accepted, string? apiKeyName) => new()
    {
        Kind = kind,
        Mode = mode,
        RunId = run?.RunId,
        Verdict = run?.Verdict.Token(),
        ExitCode = run?.ExitCode,
        Failures = run is null ? [] : OpLogFailure.Of(run),
        Decision = accepted ? OpLogDecisions.Proceed : OpLogDecisions.Refused,
        Operator = request.Operator?.Trim(),
        Approvers = OverrideValidator.DistinctApprovers(request.Approvers, request.Operator),
        Ticket = string.IsNullOrWhiteSpace(request.Ticket) ? null : request.Ticket.Trim(),
        Reason = request.Reason?.Trim(),
        ApiKeyName = apiKeyName,
    };

    // Not the request's token: a client hanging up after the append must not skip the count.
    private Task NotifyAsync(OpLogEntry entry) => GuardedNotify.EachAsync(
        observers,
        observer => observer.OnOverrideRecordedAsync(entry, CancellationToken.None),
        (observer, ex) => OverridesLog.ObserverFailed(logger, observer.GetType().Name, entry.Id, $"{ex.GetType().Name}: {ex.Message}"));

    private static string Failures(PreflightRun run) =>
        string.Join(", ", OpLogFailure.Of(run).Select(f => $"{f.Check} ({f.Tier}): {f.Reason}"));

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    private sealed record RunConflict(string Cause, bool Recorded);
}
