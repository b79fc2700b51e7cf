using System.Security.Claims;
using HealthGate.Auth;
using HealthGate.Contracts;
using HealthGate.Preflight;
using HealthGate.Secrets;
using HealthGate.Storage;

namespace HealthGate.Overrides;

/// <summary>
/// Takes each call on an override through <see cref="OverrideRules"/> and the store, which writes the change and its
/// log entries in one transaction: answered means durable. Observers (metrics) hear of a change only after that.
/// </summary>
internal sealed class OverrideService(
    IOverrideStore overrides,
    IOpLogStore opLog,
    IRunStore runs,
    PreflightModes modes,
    OverridePolicies policies,
    CheckConfigurationHash configHash,
    IEnumerable<IOverrideObserver> observers,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<OverrideService> logger)
{
    public Task<OverrideOutcome> RequestAsync(OverrideRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = OverrideRules.Validate(request, modes);
        if (errors.Count > 0)
        {
            return Task.FromResult<OverrideOutcome>(new OverrideOutcome.Invalid(errors));
        }

        modes.TryGet(request.Mode, out var mode, out _);
        var who = Principals.Actor(caller);
        return GuardAsync(request.Kind!, mode, async () =>
        {
            var now = time.GetUtcNow();
            var currentHash = configHash.Value;
            Runs.PreflightRun? run = null;
            if (request.RunId is { } runId)
            {
                run = await runs.FindRunAsync(runId.Trim(), cancellationToken);
                if (run is null)
                {
                    return new OverrideOutcome.Refused(StatusCodes.Status404NotFound, "Unknown run", $"no preflight run '{runId}' in the history");
                }

                if (OverrideRules.RunConflict(run, mode, currentHash, now, policies.Window) is { } conflict)
                {
                    if (!conflict.Recorded)
                    {
                        return OverrideOutcome.Conflict("Nothing to override", conflict.Cause);
                    }

                    var refused = await opLog.AppendAsync(OverrideRules.RequestEntry(request, mode, who, run, currentHash, OpLogEvents.Refused, conflict.Cause), cancellationToken);
                    OverridesLog.Refused(logger, request.Kind!, mode, run.RunId, refused.Seq, who.Id, conflict.Cause);
                    return new OverrideOutcome.Refused(StatusCodes.Status409Conflict, "P0 has no override", $"{conflict.Cause} (the attempt is operational log entry {refused.Seq})", refused.Seq);
                }
            }

            var roles = policies.RolesFor(mode, request.Kind!);
            var draft = OverrideRules.Draft(request, mode, who, run, run?.ConfigHash ?? currentHash, roles, now, policies.Window);
            var entry = OverrideRules.RequestEntry(request, mode, who, run, draft.ConfigHash, OpLogEvents.Pending, $"awaiting {string.Join(", ", roles)}");
            var (created, appended) = await overrides.CreateOverrideAsync(draft, entry, cancellationToken);
            OverridesLog.Requested(logger, created.Id, created.Kind, mode, created.RunId, who.Id, string.Join(", ", roles), appended.Seq);
            await NotifyAsync(created, appended);
            return new OverrideOutcome.Done(created);
        });
    }

    public Task<OverrideOutcome> DecideAsync(long id, ApprovalRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var approve = body.Decision switch
        {
            OpLogEvents.Approve => true,
            OpLogEvents.Reject => false,
            _ => (bool?)null,
        };
        if (approve is null)
        {
            return Task.FromResult<OverrideOutcome>(new OverrideOutcome.Invalid(new(StringComparer.Ordinal) { ["decision"] = ["must be 'approve' or 'reject'"] }));
        }

        if (body.Comment?.Length > OverrideRules.MaxReasonLength)
        {
            return Task.FromResult<OverrideOutcome>(new OverrideOutcome.Invalid(new(StringComparer.Ordinal) { ["comment"] = [$"must be at most {OverrideRules.MaxReasonLength} characters"] }));
        }

        var who = Principals.Actor(caller);
        var roles = Principals.Roles(caller);
        return ChangeAsync(id, "decide", current => OverrideRules.Decide(current, id, who, roles, approve.Value, body.Comment, time.GetUtcNow()), cancellationToken);
    }

    public Task<OverrideOutcome> UseAsync(long id, UseRequest? body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var who = Principals.Actor(caller);
        return GuardAsync("use", id.ToString(System.Globalization.CultureInfo.InvariantCulture), async () =>
        {
            LaunchRuns? launch = null;
            if (!string.IsNullOrWhiteSpace(body?.RunId))
            {
                var run = await runs.FindRunAsync(body.RunId.Trim(), cancellationToken);
                if (run is null)
                {
                    return OverrideOutcome.Conflict("Unknown launch run", $"no preflight run '{body.RunId}' in the history");
                }

                var current = await overrides.FindOverrideAsync(id, cancellationToken);
                var approved = current?.RunId is { } approvedRun ? await runs.FindRunAsync(approvedRun, cancellationToken) : null;
                launch = new LaunchRuns(run, approved);
            }

            return await ChangeCoreAsync(id, current => OverrideRules.Use(current, id, who, configHash.Value, launch, time.GetUtcNow()), cancellationToken);
        });
    }

    /// <summary>Expires every override whose window closed: each with its own entry. Returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var due = await overrides.ListExpiredAsync(time.GetUtcNow(), cancellationToken);
        var expired = 0;
        foreach (var candidate in due)
        {
            var outcome = await ChangeCoreAsync(
                candidate.Id,
                current => current is null ? new(new OverrideOutcome.Unavailable()) : OverrideRules.Expire(current, time.GetUtcNow()) ?? new(new OverrideOutcome.Done(current)),
                cancellationToken);
            expired += outcome is OverrideOutcome.Done { Override.State: OverrideStates.Expired } ? 1 : 0;
        }

        return expired;
    }

    /// <summary>The override as it stands now: one whose window closed reads as expired even before the sweep records it.</summary>
    public async Task<OverrideRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var found = await overrides.FindOverrideAsync(id, cancellationToken);
        return found is null ? null : AsOfNow(found);
    }

    public async Task<Page<OverrideRecord>> ListAsync(string? state, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        var items = await overrides.ListOverridesAsync(state, beforeId, limit + 1, cancellationToken);
        var page = items.Take(limit).ToArray();
        var next = items.Count > limit ? page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

        // One whose window closed reads as expired before the sweep writes it, so it no longer matches "pending".
        var current = page.Select(AsOfNow).Where(o => state is null || o.State == state).ToArray();
        return new Page<OverrideRecord>(current, next);
    }

    private OverrideRecord AsOfNow(OverrideRecord record) =>
        OverrideRules.Expire(record, time.GetUtcNow())?.Updated ?? record;

    private Task<OverrideOutcome> ChangeAsync(long id, string action, Func<OverrideRecord?, Storage.OverrideChange<OverrideOutcome>> decide, CancellationToken cancellationToken) =>
        GuardAsync(action, id.ToString(System.Globalization.CultureInfo.InvariantCulture), () => ChangeCoreAsync(id, decide, cancellationToken));

    private async Task<OverrideOutcome> ChangeCoreAsync(long id, Func<OverrideRecord?, Storage.OverrideChange<OverrideOutcome>> decide, CancellationToken cancellationToken)
    {
        OverrideChange<OverrideOutcome>? applied = null;
        var outcome = await overrides.ChangeOverrideAsync(
            id,
            current =>
            {
                applied = decide(current);
                return applied;
            },
            cancellationToken);
        if (applied?.Updated is { } updated)
        {
            OverridesLog.Changed(logger, id, updated.State, string.Join(", ", applied.Entries.Select(e => e.Kind)));
            foreach (var entry in applied.Entries)
            {
                await NotifyAsync(updated, entry);
            }
        }
        else if (outcome is OverrideOutcome.Refused refused)
        {
            OverridesLog.DecisionRefused(logger, id, refused.Status, refused.Detail);
        }

        return outcome;
    }

    private async Task<OverrideOutcome> GuardAsync(string action, string subject, Func<Task<OverrideOutcome>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OverridesLog.StoreFailed(logger, action, subject, redactor.Describe(ex));
            return new OverrideOutcome.Unavailable();
        }
    }

    // Not the request's token: a client hanging up after the commit must not skip the count.
    private Task NotifyAsync(OverrideRecord record, OpLogRecord entry) => Runs.GuardedNotify.EachAsync(
        observers,
        observer => observer.OnOverrideChangedAsync(record, entry, CancellationToken.None),
        (observer, ex) => OverridesLog.ObserverFailed(logger, observer.GetType().Name, entry.Seq, $"{ex.GetType().Name}: {ex.Message}"));
}
