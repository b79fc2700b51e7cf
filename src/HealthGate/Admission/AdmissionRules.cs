using HealthGate.Contracts;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Admission;

/// <summary>
/// The deployment gate, pure. An object labelled <c>healthgate.io/mode</c> may be created or updated only when that
/// mode's latest recorded run is a GO (<c>PASS</c> or <c>P2_WARN</c>, as for a launcher) that has not expired and ran
/// under the gate's current configuration, or when an approved, unused override of the mode covers it. Nothing
/// overrides a <c>P0_FAIL</c>. Everything else is denied, saying why.
/// </summary>
internal static class AdmissionRules
{
    public const string ModeLabel = "healthgate.io/mode";
    public const string DeskLabel = "healthgate.io/desk";

    /// <summary>At most this many failing checks are named in a message; the rest are counted.</summary>
    public const int MaxNamedChecks = 10;

    /// <summary>The mode the object asks for, or the decision that needs no store: not gated, unlabelled, another desk, unknown mode.</summary>
    public static (string? Mode, AdmissionDecision? Decision) Subject(AdmissionRequest request, PreflightModes modes, string desk)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(modes);
        if (!request.IsGated)
        {
            return (null, AdmissionDecision.Allow($"a {request.Operation} is never gated: stopping or inspecting never needs a GO"));
        }

        if (request.Labels is not { } labels || !labels.TryGetValue(ModeLabel, out var label))
        {
            // The webhook's objectSelector sends only labelled objects; an update that drops the label is one of them.
            return (null, AdmissionDecision.Deny($"HealthGate denies {request.Subject}: it has no '{ModeLabel}' label, so no mode's verdict can admit it (removing the label does not bypass the gate)"));
        }

        if (labels.TryGetValue(DeskLabel, out var objectDesk) && !string.Equals(objectDesk, desk, StringComparison.Ordinal))
        {
            return (null, AdmissionDecision.Deny($"HealthGate denies {request.Subject}: it is labelled for desk '{objectDesk}', and this gate serves desk '{desk}'"));
        }

        if (!modes.TryGet(label, out var mode, out _))
        {
            return (null, AdmissionDecision.Deny($"HealthGate denies {request.Subject}: '{ModeLabel}: {label}' is not a configured mode (known: {string.Join(", ", modes.Names)})"));
        }

        return (mode, null);
    }

    public static AdmissionDecision Decide(AdmissionRequest request, AdmissionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facts);
        var latest = facts.Latest;
        var why = WhyNotGo(facts);
        if (why is null)
        {
            return AdmissionDecision.Allow($"{facts.Mode} is GO: run {latest!.RunId} ({latest.Verdict.Token()}) valid until {Timestamps.ToText(latest.ExpiresAt)}") with
            {
                Mode = facts.Mode,
                RunId = latest.RunId,
                Warnings = latest.Verdict == Verdict.P2Warn ? [$"HealthGate: {facts.Mode} is GO with warnings (run {latest.RunId}): {Named(NotHealthy(latest))}"] : [],
            };
        }

        if (latest?.Verdict != Verdict.P0Fail && Covering(facts) is { } cover)
        {
            return AdmissionDecision.Allow($"admitted under override {cover.Id}") with
            {
                Mode = facts.Mode,
                RunId = latest?.RunId,
                OverrideId = cover.Id,
                Warnings = [$"HealthGate: {request.Subject} admitted under approved override {cover.Id} ({cover.Kind}, ticket {cover.Ticket ?? "none"}, approved by {OverrideRules.ApprovedBy(cover)}) although {why}"],
            };
        }

        var p0 = latest?.Verdict == Verdict.P0Fail && facts.Overrides.Count > 0 ? "; P0 checks have no override" : "";
        return AdmissionDecision.Deny($"HealthGate denies {request.Subject} in mode {facts.Mode}: {why}{p0}") with { Mode = facts.Mode, RunId = latest?.RunId };
    }

    /// <summary>Null when the latest run is a GO that may admit; otherwise every reason it may not.</summary>
    public static string? WhyNotGo(AdmissionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Latest is not { } run)
        {
            return $"no {facts.Mode} preflight is recorded: run `healthgate preflight --mode {facts.Mode}` first";
        }

        if (!run.Verdict.IsGo())
        {
            return $"{facts.Mode} is NO-GO: run {run.RunId} at {Timestamps.ToText(run.StartedAt)} is {run.Verdict.Token()}, failing {Named(RunOpLog.Failures(run).Select(f => (f.Check, f.Tier, f.Reason)))}";
        }

        var reasons = new List<string>();
        if (facts.Now >= run.ExpiresAt)
        {
            reasons.Add($"the {facts.Mode} GO of run {run.RunId} expired at {Timestamps.ToText(run.ExpiresAt)}");
        }

        if (!string.Equals(run.ConfigHash, facts.ConfigHash, StringComparison.Ordinal))
        {
            reasons.Add($"run {run.RunId} ran under configuration {(run.ConfigHash.Length == 0 ? "(none)" : run.ConfigHash)}, and the gate's configuration changed to {facts.ConfigHash}");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons) + $": run `healthgate preflight --mode {facts.Mode}` again";
    }

    /// <summary>The newest approved, unused, unexpired override of the mode under the current configuration that covers the latest run.</summary>
    private static OverrideRecord? Covering(AdmissionFacts facts)
    {
        foreach (var (candidate, approvedRun) in facts.Overrides)
        {
            var usable = candidate.State == OverrideStates.Approved && candidate.UsedAt is null
                && string.Equals(candidate.Mode, facts.Mode, StringComparison.Ordinal)
                && string.Equals(candidate.ConfigHash, facts.ConfigHash, StringComparison.Ordinal)
                && facts.Now < candidate.ExpiresAt;
            if (!usable)
            {
                continue;
            }

            // A skip stands for the checks themselves; a force_start covers only a P1_FAIL failing nothing it did not approve.
            if (candidate.Kind == OverrideRequest.SkipHealthCheck
                || (facts.Latest is { } latest && OverrideRules.LaunchConflict(candidate, new LaunchRuns(latest, approvedRun)) is null))
            {
                return candidate;
            }
        }

        return null;
    }

    private static IEnumerable<(string Check, string Tier, string Reason)> NotHealthy(PreflightRun run) =>
        run.Checks.Where(c => c.Status != HealthStatus.Healthy).Select(c => (c.Name, c.Tier.ToString(), c.Reason));

    private static string Named(IEnumerable<(string Check, string Tier, string Reason)> checks)
    {
        var list = checks.ToList();
        if (list.Count == 0)
        {
            return "no check (an empty run proves nothing)";
        }

        var named = string.Join(", ", list.Take(MaxNamedChecks).Select(c => $"{c.Check} ({c.Tier} {c.Reason})"));
        return list.Count > MaxNamedChecks ? $"{named} and {list.Count - MaxNamedChecks} more" : named;
    }
}
