using HealthGate.Checks;

namespace HealthGate.Runs;

/// <summary>The contract's verdict rules (<see cref="Verdicts"/>) over the results of a run.</summary>
internal static class RunVerdict
{
    public static Verdict Decide(IEnumerable<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Verdicts.Decide(results.Select(r => (r.Tier.ToString(), r.Status.ToString())));
    }
}
