using HealthGate.Checks;
using HealthGate.Preflight;
using HealthGate.Runs;
using HealthGate.Secrets;
using HealthGate.Storage;

namespace HealthGate.Overrides;

/// <summary>
/// Takes an override request through validation, the run lookup and <see cref="OverrideRules"/>, appends it to the
/// operational log, and only then tells the observers: accepted means durable. Returns the decision, not an HTTP answer.
/// </summary>
internal sealed class OverrideRecorder(
    IRunStore runs,
    IOpLogStore opLog,
    PreflightModes modes,
    IEnumerable<IOverrideObserver> observers,
    SecretRedactor redactor,
    ILogger<OverrideRecorder> logger)
{
    public async Task<OverrideDecision> RecordAsync(OverrideRequest request, string? apiKeyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = OverrideValidator.Validate(request, modes);
        if (errors.Count > 0)
        {
            return new OverrideDecision.Invalid(errors);
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
                    return new OverrideDecision.NotFound(request.RunId);
                }
            }

            var conflict = OverrideRules.Conflict(kind, mode, run);
            if (conflict is { Recorded: false })
            {
                return new OverrideDecision.Conflict(conflict.Value.Cause, RecordedEntryId: null);
            }

            var entry = await opLog.AppendAsync(OverrideRules.Entry(request, kind, mode, run, conflict is null, apiKeyName), cancellationToken);
            if (conflict is { } refused)
            {
                OverridesLog.Refused(logger, kind, mode, run?.RunId, entry.Id, refused.Cause);
                return new OverrideDecision.Conflict(refused.Cause, entry.Id);
            }

            OverridesLog.Recorded(logger, kind, mode, run?.RunId, entry.Id, entry.Operator, string.Join(", ", entry.Approvers), entry.Ticket);
            await NotifyAsync(entry);
            return new OverrideDecision.Accepted(entry);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = redactor.Describe(ex);
            OverridesLog.StoreFailed(logger, kind, mode, error);
            return new OverrideDecision.Unavailable();
        }
    }

    // Not the request's token: a client hanging up after the append must not skip the count.
    private Task NotifyAsync(OpLogEntry entry) => GuardedNotify.EachAsync(
        observers,
        observer => observer.OnOverrideRecordedAsync(entry, CancellationToken.None),
        (observer, ex) => OverridesLog.ObserverFailed(logger, observer.GetType().Name, entry.Id, $"{ex.GetType().Name}: {ex.Message}"));
}
