using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Preflight;
using HealthGate.Runs;
using HealthGate.Storage;

namespace HealthGate.Overrides;

/// <summary>
/// The two-person rule, pure: what a request, a decision, a use and the clock do to an override, and the operational
/// log entries that record it. Identity comes from the credential (<see cref="Actor"/>), never from a body; a person
/// is their configured id, so no spelling of a name can count twice. The requester fills no role; each role is
/// filled by a different person who holds it; a service key requests and uses but never decides.
/// </summary>
internal static class OverrideRules
{
    public const int MaxTextLength = 200;
    public const int MaxReasonLength = 2000;

    /// <summary>Errors keyed by the JSON field they concern; empty when the request is complete for its mode.</summary>
    public static Dictionary<string, string[]> Validate(OverrideRequest request, PreflightModes modes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(modes);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Operator is not null || request.Approvers is not null)
        {
            errors["operator/approvers"] = ["are no longer accepted: who asks is the caller's own credential, and each approver approves with theirs (POST /overrides/{id}/approvals)"];
        }

        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            errors["kind"] = [$"is required: one of {string.Join(", ", OverrideRequest.Kinds)}"];
        }
        else if (!OverrideRequest.Kinds.Contains(request.Kind))
        {
            errors["kind"] = [$"unknown kind '{request.Kind}': one of {string.Join(", ", OverrideRequest.Kinds)}"];
        }

        if (string.IsNullOrWhiteSpace(request.Mode))
        {
            errors["mode"] = ["is required"];
        }
        else if (!modes.TryGet(request.Mode, out _, out _))
        {
            errors["mode"] = [$"unknown mode '{request.Mode}': one of {string.Join(", ", modes.Names)}"];
        }

        if (request.Kind == OverrideRequest.ForceStart && string.IsNullOrWhiteSpace(request.RunId))
        {
            errors["runId"] = ["is required for force_start: the P1_FAIL run being overridden"];
        }
        else if (request.Kind == OverrideRequest.SkipHealthCheck && request.RunId is not null)
        {
            errors["runId"] = ["a skip_health_check has no run: it is bound to the mode and the gate's configuration"];
        }

        Text(errors, "reason", request.Reason, MaxReasonLength, required: "is required");
        var strict = !IsPaper(request.Mode);
        const string outsidePaper = "is required outside paper mode";
        Text(errors, "ticket", request.Ticket, MaxTextLength, strict ? outsidePaper : null);
        Text(errors, "impact", request.Impact, MaxReasonLength, strict ? outsidePaper : null);
        Text(errors, "mitigation", request.Mitigation, MaxReasonLength, strict ? outsidePaper : null);
        return errors;
    }

    public static bool IsPaper(string? mode) => string.Equals(mode?.Trim(), "paper", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why the run forbids a force_start (null when nothing does); <c>Recorded</c> when the attempt belongs in the log
    /// (a P0_FAIL: nothing overrides it, and trying is itself evidence).
    /// </summary>
    public static (string Cause, bool Recorded)? RunConflict(PreflightRun run, string mode, string configHash, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Verdict == Verdict.P0Fail)
        {
            return ($"run {run.RunId} is P0_FAIL: P0 checks have no override ({FailureText(RunOpLog.Failures(run))})", true);
        }

        if (!string.Equals(run.Mode, mode, StringComparison.Ordinal))
        {
            return ($"run {run.RunId} is a '{run.Mode}' run, not '{mode}'", false);
        }

        if (run.Verdict != Verdict.P1Fail)
        {
            return ($"run {run.RunId} is {run.Verdict.Token()}: force_start overrides only a P1_FAIL", false);
        }

        if (!string.Equals(run.ConfigHash, configHash, StringComparison.Ordinal))
        {
            return ($"run {run.RunId} was made under configuration {run.ConfigHash}, not the gate's current {configHash}: run the preflight again", false);
        }

        return now - run.StartedAt > window
            ? ($"run {run.RunId} started at {Timestamps.ToText(run.StartedAt)}, more than the approval window ({window.TotalMinutes:0} min) ago: run the preflight again", false)
            : null;
    }

    /// <summary>The entry of a request: <c>pending</c> for a new override, <c>refused</c> for a P0 attempt.</summary>
    public static OpLogRecord RequestEntry(OverrideRequest request, string mode, Actor who, PreflightRun? run, string configHash, string decision, string comment)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OpLogRecord
        {
            Kind = OpLogEvents.OverrideRequested,
            OverrideKind = request.Kind,
            Mode = mode,
            RunId = run?.RunId,
            Verdict = run?.Verdict.Token(),
            ExitCode = run?.ExitCode,
            Failures = run is null ? [] : RunOpLog.Failures(run),
            Decision = decision,
            Who = who,
            Ticket = Trimmed(request.Ticket),
            Reason = Trimmed(request.Reason),
            Impact = Trimmed(request.Impact),
            Mitigation = Trimmed(request.Mitigation),
            ConfigHash = configHash,
            Comment = comment,
        };
    }

    /// <summary>The new override, pending, awaiting every role of its policy until the window closes.</summary>
    public static OverrideRecord Draft(OverrideRequest request, string mode, Actor who, PreflightRun? run, string configHash, IReadOnlyList<string> roles, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OverrideRecord
        {
            Kind = request.Kind!,
            Mode = mode,
            RunId = run?.RunId,
            ConfigHash = configHash,
            State = OverrideStates.Pending,
            RequestedBy = who,
            RequestedAt = now,
            ExpiresAt = now + window,
            Reason = Trimmed(request.Reason),
            Ticket = Trimmed(request.Ticket),
            Impact = Trimmed(request.Impact),
            Mitigation = Trimmed(request.Mitigation),
            Required = roles,
            Awaiting = roles,
        };
    }

    /// <summary>
    /// A person's approval or rejection. Approving fills the first awaited role (in policy order) the person holds;
    /// rejecting needs one of the policy's roles, so nobody outside it can veto. The last role filled approves it.
    /// </summary>
    public static OverrideChange<OverrideOutcome> Decide(
        OverrideRecord? current, long id, Actor who, IReadOnlySet<string> roles, bool approve, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(roles);
        if (current is null)
        {
            return new(OverrideOutcome.NotFound(id));
        }

        if (!who.IsPerson)
        {
            return new(OverrideOutcome.Forbidden($"'{who.Id}' is a service key: only a person, with their own credential, approves or rejects an override"));
        }

        if (Expire(current, now) is { } expired)
        {
            return expired with { Result = OverrideOutcome.Conflict("Override expired", $"override {id} expired at {Timestamps.ToText(current.ExpiresAt)}: request a new one") };
        }

        if (current.State != OverrideStates.Pending)
        {
            return new(OverrideOutcome.Conflict("Override not pending", $"override {id} is {current.State}: only a pending override takes decisions"));
        }

        if (SameActor(current.RequestedBy, who))
        {
            return new(OverrideOutcome.Forbidden($"{who.Id} requested override {id} and cannot approve or reject it: another person must"));
        }

        if (current.Approvals.Any(a => a.Person.Id == who.Id))
        {
            return new(OverrideOutcome.Forbidden($"{who.Id} has already decided on override {id}: one person fills one role"));
        }

        var text = Trimmed(comment);
        if (!approve)
        {
            if (!current.Required.Any(roles.Contains))
            {
                return new(OverrideOutcome.Forbidden($"{who.Id} holds none of the roles override {id} needs ({string.Join(", ", current.Required)})"));
            }

            var rejection = new ApprovalRecord(who, null, OpLogEvents.Reject, text, now);
            var rejected = current with { State = OverrideStates.Rejected, Approvals = [.. current.Approvals, rejection] };
            return new(new OverrideOutcome.Done(rejected), rejected, rejection)
            {
                Entries = [DecisionEntry(current, who, null, OpLogEvents.Reject, text), StateEntry(rejected, OpLogEvents.OverrideRejected, OpLogEvents.Reject, $"rejected by {who.Id} ({who.Name})")],
            };
        }

        if (current.Awaiting.FirstOrDefault(roles.Contains) is not { } role)
        {
            return new(OverrideOutcome.Forbidden(
                $"{who.Id} holds no role override {id} still needs: awaiting {Listed(current.Awaiting)}; {who.Id} holds {Listed(roles.Order(StringComparer.Ordinal))}"));
        }

        var approval = new ApprovalRecord(who, role, OpLogEvents.Approve, text, now);
        var awaiting = current.Awaiting.Where(r => r != role).ToArray();
        var updated = current with
        {
            State = awaiting.Length == 0 ? OverrideStates.Approved : OverrideStates.Pending,
            Approvals = [.. current.Approvals, approval],
            Awaiting = awaiting,
        };
        List<OpLogRecord> entries = [DecisionEntry(current, who, role, OpLogEvents.Approve, text)];
        if (awaiting.Length == 0)
        {
            entries.Add(StateEntry(updated, OpLogEvents.OverrideApproved, OpLogEvents.Approve, $"approved by {ApprovedBy(updated)}"));
        }

        return new(new OverrideOutcome.Done(updated), updated, approval) { Entries = entries };
    }

    /// <summary>
    /// The launcher uses an approved override, once: by its requester or a service key, under the configuration it was
    /// requested for. A force_start used for a new launch run needs that run to be a P1_FAIL of the same mode and
    /// configuration whose failures the approved run already had: approvers approved those failures, not new ones.
    /// </summary>
    public static OverrideChange<OverrideOutcome> Use(OverrideRecord? current, long id, Actor who, string configHash, LaunchRuns? launch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (current is null)
        {
            return new(OverrideOutcome.NotFound(id));
        }

        if (who.IsPerson && !SameActor(current.RequestedBy, who))
        {
            return new(OverrideOutcome.Forbidden($"only the requester ({current.RequestedBy.Id}) or a service key uses override {id}"));
        }

        if (Expire(current, now) is { } expired)
        {
            return expired with { Result = OverrideOutcome.Conflict("Override expired", $"override {id} expired at {Timestamps.ToText(current.ExpiresAt)} before it was used") };
        }

        if (current.State != OverrideStates.Approved)
        {
            return new(OverrideOutcome.Conflict("Override not usable", current.State == OverrideStates.Pending
                ? $"override {id} is pending: awaiting {Listed(current.Awaiting)}"
                : $"override {id} is {current.State}: only an approved override is used, and only once"));
        }

        if (!string.Equals(current.ConfigHash, configHash, StringComparison.Ordinal))
        {
            return new(OverrideOutcome.Conflict("Configuration changed", $"override {id} was approved for configuration {current.ConfigHash}; the gate now runs {configHash}"));
        }

        if (launch is not null && LaunchConflict(current, launch) is { } cause)
        {
            return new(OverrideOutcome.Conflict("Not the approved launch", cause));
        }

        var used = current with { State = OverrideStates.Used, UsedAt = now, UsedBy = who, UsedForRunId = launch?.Launch.RunId };
        var run = launch?.Launch;
        var entry = StateEntry(used, OpLogEvents.OverrideUsed, OpLogEvents.Proceed, $"used by {who.Id} ({who.Kind}); approved by {ApprovedBy(used)}") with
        {
            Who = who,
            RunId = run?.RunId ?? current.RunId,
            Verdict = run?.Verdict.Token(),
            ExitCode = run?.ExitCode,
            Failures = run is null ? [] : RunOpLog.Failures(run),
        };
        return new(new OverrideOutcome.Done(used), used) { Entries = [entry] };
    }

    /// <summary>The expiry of a pending or approved override whose window has closed; null when it has not.</summary>
    public static OverrideChange<OverrideOutcome>? Expire(OverrideRecord current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.State is not (OverrideStates.Pending or OverrideStates.Approved) || now < current.ExpiresAt)
        {
            return null;
        }

        var expired = current with { State = OverrideStates.Expired };
        var comment = current.State == OverrideStates.Pending
            ? $"not approved within the window: still awaiting {Listed(current.Awaiting)}"
            : "approved but not used within the window";
        return new(new OverrideOutcome.Done(expired), expired) { Entries = [StateEntry(expired, OpLogEvents.OverrideExpired, OpLogEvents.Expired, comment)] };
    }

    /// <summary>"risk-manager (Jane Smith), cto (Bob Jones)": the roles filled and by whom, in the order given.</summary>
    public static string ApprovedBy(OverrideRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return string.Join(", ", record.Approvals.Where(a => a.Role is not null).Select(a => $"{a.Role} ({a.Person.Name})"));
    }

    /// <summary>Why an approved force_start does not cover <paramref name="launch"/> (null when it does); the admission webhook asks the same.</summary>
    public static string? LaunchConflict(OverrideRecord current, LaunchRuns launch)
    {
        var run = launch.Launch;
        if (current.Kind != OverrideRequest.ForceStart)
        {
            return $"a {current.Kind} is used without a run";
        }

        if (run.Verdict == Verdict.P0Fail)
        {
            return $"run {run.RunId} is P0_FAIL: P0 checks have no override";
        }

        if (run.Verdict != Verdict.P1Fail || run.Mode != current.Mode || run.ConfigHash != current.ConfigHash)
        {
            return $"run {run.RunId} is a {run.Verdict.Token()} '{run.Mode}' run under configuration {run.ConfigHash}; override {current.Id} is for a P1_FAIL '{current.Mode}' run under {current.ConfigHash}";
        }

        var approved = launch.Approved is null ? [] : RunOpLog.Failures(launch.Approved).Select(f => f.Check).ToHashSet(StringComparer.Ordinal);
        var unapproved = RunOpLog.Failures(run).Where(f => !approved.Contains(f.Check)).Select(f => f.Check).ToArray();
        return unapproved.Length == 0 ? null
            : $"run {run.RunId} fails {string.Join(", ", unapproved)}, which run {current.RunId} (the one approved) did not: request a new override";
    }

    private static OpLogRecord DecisionEntry(OverrideRecord current, Actor who, string? role, string decision, string? comment) => new()
    {
        Kind = OpLogEvents.OverrideDecided,
        OverrideKind = current.Kind,
        Mode = current.Mode,
        RunId = current.RunId,
        Decision = decision,
        Who = who,
        Role = role,
        Comment = comment,
        ConfigHash = current.ConfigHash,
    };

    private static OpLogRecord StateEntry(OverrideRecord updated, string kind, string decision, string comment) => new()
    {
        Kind = kind,
        OverrideKind = updated.Kind,
        Mode = updated.Mode,
        RunId = updated.RunId,
        Decision = decision,
        Ticket = updated.Ticket,
        Reason = updated.Reason,
        Impact = updated.Impact,
        Mitigation = updated.Mitigation,
        ConfigHash = updated.ConfigHash,
        Comment = comment,
    };

    private static bool SameActor(Actor a, Actor b) => a.Id == b.Id && a.Kind == b.Kind;

    private static string Listed(IEnumerable<string> roles) => roles.Any() ? string.Join(", ", roles) : "no role";

    private static string FailureText(IEnumerable<OpLogFailureRecord> failures) => string.Join(", ", failures.Select(f => $"{f.Check} ({f.Tier}): {f.Reason}"));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxLength, string? required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required is not null)
            {
                errors[field] = [required];
            }
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"must be at most {maxLength} characters"];
        }
    }
}

/// <summary>The launch run an override is used for, and the run it was approved on (null once pruned).</summary>
internal sealed record LaunchRuns(PreflightRun Launch, PreflightRun? Approved);
