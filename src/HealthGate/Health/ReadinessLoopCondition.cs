using HealthGate.Checks;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>
/// The background readiness loop is alive: its latest run started within three periods. Only that it ran counts, never
/// what its checks said, so a desk's failing dependency does not take the gate out of its Service.
/// </summary>
internal sealed class ReadinessLoopCondition(ReadinessState state, IOptions<ReadinessOptions> options) : ISelfCondition
{
    public const string NoRunYet = "no_run_yet";

    public string Name => "readiness-loop";

    public SelfCondition Evaluate(DateTimeOffset now)
    {
        var readiness = options.Value;
        if (state.Latest is not { } run)
        {
            return SelfCondition.Unhealthy(NoRunYet, "no background readiness run has completed yet");
        }

        var age = (now - run.StartedAt).TotalSeconds;
        return ReadinessReport.IsStale(run, now, readiness.MaxAge)
            ? SelfCondition.Unhealthy(Reasons.StaleResult, $"the latest background readiness run started {age:F0} s ago, more than three periods ({readiness.MaxAge.TotalSeconds:F0} s): the loop has stalled")
            : SelfCondition.Healthy($"the latest background readiness run started {age:F0} s ago (every {readiness.PeriodSeconds} s)");
    }
}
