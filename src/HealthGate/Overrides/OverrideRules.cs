using HealthGate.Runs;

namespace HealthGate.Overrides;

/// <summary>
/// The override rules, pure: a valid request and the run it names (if any) give the entry to append and, when the run
/// forbids the override, why. force_start needs a P1_FAIL run of its mode; a P0_FAIL run is never overridden, and the
/// attempt itself is recorded.
/// </summary>
internal static class OverrideRules
{
    /// <summary>Why the run's state forbids the override (null when nothing does); <c>Recorded</c> when the attempt belongs in the log.</summary>
    public static (string Cause, bool Recorded)? Conflict(string kind, string mode, PreflightRun? run)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (run is null)
        {
            return null;
        }

        if (run.Verdict == Verdict.P0Fail)
        {
            return ($"run {run.RunId} is P0_FAIL: P0 checks have no override ({Failures(run)})", true);
        }

        if (!string.Equals(run.Mode, mode, StringComparison.Ordinal))
        {
            return ($"run {run.RunId} is a '{run.Mode}' run, not '{mode}'", false);
        }

        return kind == OpLogKinds.ForceStart && run.Verdict != Verdict.P1Fail
            ? ($"run {run.RunId} is {run.Verdict.Token()}: force_start overrides only a P1_FAIL", false)
            : null;
    }

    /// <summary>The entry to append: <c>proceed</c> when accepted, <c>refused</c> for a recorded refusal.</summary>
    public static OpLogEntry Entry(OverrideRequest request, string kind, string mode, PreflightRun? run, bool accepted, string? apiKeyName)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
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
    }

    private static string Failures(PreflightRun run) =>
        string.Join(", ", OpLogFailure.Of(run).Select(f => $"{f.Check} ({f.Tier}): {f.Reason}"));
}
