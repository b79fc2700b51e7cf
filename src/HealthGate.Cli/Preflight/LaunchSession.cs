using HealthGate.Cli.Gate;
using HealthGate.Cli.Reports;

namespace HealthGate.Cli.Preflight;

/// <summary>
/// What one invocation works with — terminal, settings, gate, operational log — and the two ways it stops short:
/// an abort (the gate gave no usable verdict) and a refusal (an override that may not go ahead). Both print one line
/// on standard error and are kept in the local operational log.
/// </summary>
internal sealed class LaunchSession(CliContext context, PreflightSettings settings, GateClient gate, OperationalLog log)
{
    public CliContext Context { get; } = context;

    public PreflightSettings Settings { get; } = settings;

    public GateClient Gate { get; } = gate;

    public OperationalLog Log { get; } = log;

    public int Abort(string cause, PreflightReport? report = null)
    {
        Context.Terminal.Error.WriteLine($"healthgate: ABORT — {cause}");
        TryLog(Entry(OperationalLogEntry.PreflightAbort, "abort", Verdicts.AbortExitCode, report) with { Cause = cause });
        return Verdicts.AbortExitCode;
    }

    public int Refuse(string kind, string cause, int exitCode, PreflightReport? report = null)
    {
        Context.Terminal.Error.WriteLine($"healthgate: {kind} REFUSED — {cause}");
        TryLog(Entry(kind, "refused", exitCode, report) with { Cause = cause });
        return exitCode;
    }

    /// <summary>An entry carrying the mode, the gate and the approval as given on the command line.</summary>
    public OperationalLogEntry Entry(string kind, string decision, int exitCode, PreflightReport? report = null)
    {
        var approval = Settings.Approval;
        return new OperationalLogEntry(Timestamps.ToText(Context.Time.GetUtcNow()), kind, Settings.Mode, decision, exitCode)
        {
            Gate = Gate.Display,
            RunId = report?.RunId,
            Verdict = report?.Verdict,
            Failures = report is null ? null : [.. report.Checks.Where(c => c.IsUnhealthy).Select(c => $"{c.Name} ({c.Tier}: {c.Reason})")],
            Operator = approval.Operator,
            Approvers = approval.DistinctApprovers.Count > 0 ? approval.DistinctApprovers : null,
            Ticket = approval.Ticket,
            Reason = approval.Reason,
        };
    }

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
