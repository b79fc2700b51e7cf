using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Runs;

/// <summary>A failed check as the operational log keeps it, independent of the run, which retention may prune.</summary>
internal sealed record OpLogFailure(string Check, string Tier, string Reason)
{
    /// <summary>Every Unhealthy check of the run, whatever its tier.</summary>
    public static IReadOnlyList<OpLogFailure> Of(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Checks.Where(c => c.Status == HealthStatus.Unhealthy).Select(c => new OpLogFailure(c.Name, c.Tier.ToString(), c.Reason))];
    }

    /// <summary>The operational log entry of a no-go run: the launch must abort.</summary>
    public static OpLogEntry EntryFor(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new OpLogEntry
        {
            Kind = OpLogKinds.PreflightFailure,
            Mode = run.Mode,
            RunId = run.RunId,
            Verdict = run.Verdict.Token(),
            ExitCode = run.ExitCode,
            Failures = Of(run),
            Decision = OpLogDecisions.Abort,
        };
    }
}
