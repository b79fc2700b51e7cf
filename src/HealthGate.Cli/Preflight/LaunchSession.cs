using HealthGate.Cli.Gate;
using HealthGate.Cli.Reports;

namespace HealthGate.Cli.Preflight;

/// <summary>
/// What one invocation works with — terminal, settings, gate, operational log — and the two ways it stops short:
/// an abort (the gate gave no usable verdict) and a refusal (an override or a launch that may not go ahead). Both
/// print one line on standard error and are kept in the local operational log.
/// </summary>
internal sealed class LaunchSession(CliContext context, PreflightSettings settings, GateClient gate, OperationalLog log)
{
    public CliContext Context { get; } = context;

    public PreflightSettings Settings { get; } = settings;

    public GateClient Gate { get; } = gate;

    public OperationalLog Log { get; } = log;

    /// <summary>A person can be asked: a terminal, and no <c>--non-interactive</c>.</summary>
    public bool CanPrompt => Context.Terminal.IsInteractive && !Settings.NonInteractive;

    public int Abort(string cause, PreflightReport? report = null)
    {
        Context.Terminal.Error.WriteLine($"healthgate: ABORT — {cause}");
        TryLog(Entry(OperationalLogEntry.PreflightAbort, "abort", Verdicts.AbortExitCode, report) with { Cause = cause });
        return Verdicts.AbortExitCode;
    }

    /// <summary>Refuses with exit code 1: a launch that may not go ahead stops, whatever the verdict was.</summary>
    public int Refuse(string kind, string cause, PreflightReport? report = null, OverrideRecord? record = null)
    {
        Context.Terminal.Error.WriteLine($"healthgate: {kind} REFUSED — {cause}");
        TryLog(Entry(kind, "refused", Verdicts.AbortExitCode, report, record) with { Cause = cause });
        return Verdicts.AbortExitCode;
    }

    /// <summary>An entry carrying the mode, the gate, the run and the override as the gate returned it.</summary>
    public OperationalLogEntry Entry(string kind, string decision, int exitCode, PreflightReport? report = null, OverrideRecord? record = null) =>
        new(Timestamps.ToText(Context.Time.GetUtcNow()), kind, Settings.Mode, decision, exitCode)
        {
            Gate = Gate.Display,
            RunId = report?.RunId,
            Verdict = report?.Verdict,
            Failures = report is null ? null : [.. report.Checks.Where(c => c.IsUnhealthy).Select(c => $"{c.Name} ({c.Tier}: {c.Reason})")],
            OverrideId = record?.Id ?? Settings.OverrideId,
            RequestedBy = record?.RequestedBy,
            Approvals = record?.Approvals,
            Ticket = record?.Ticket,
            Reason = record?.Reason,
            Impact = record?.Impact,
            Mitigation = record?.Mitigation,
        };

    /// <summary>Appends to the operational log; a failure is reported on one more line and returned.</summary>
    public bool TryLog(OperationalLogEntry entry)
    {
        try
        {
            Log.Append(entry);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Context.Terminal.Error.WriteLine($"healthgate: cannot write the operational log {Log.Path}: {OneLine.Of(ex.Message)}");
            return false;
        }
    }
}
