using HealthGate.Checks;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>
/// The background readiness loop is alive: its latest run started within three periods (plus the slowest readiness
/// check's timeout, so a long run in progress is not taken for a stalled loop). Only that it ran counts, never what its
/// checks said, so a desk's failing dependency does not take the gate out of its Service.
/// </summary>
internal sealed class ReadinessLoopCondition : ISelfCondition
{
    public const string NoRunYet = "no_run_yet";

    private readonly ReadinessState _state;
    private readonly ReadinessOptions _readiness;
    private readonly TimeSpan _maxAge;

    public ReadinessLoopCondition(ReadinessState state, IOptions<ReadinessOptions> options, GateChecks checks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(checks);
        _state = state;
        _readiness = options.Value;
        var slowest = checks.ForTiers(TierSelection.Parse(_readiness.EffectiveTiers)).Select(c => c.Timeout).DefaultIfEmpty(TimeSpan.Zero).Max();
        _maxAge = _readiness.MaxAge + slowest;
    }

    public string Name => "readiness-loop";

    public SelfCondition Evaluate(DateTimeOffset now)
    {
        if (_state.Latest is not { } run)
        {
            return SelfCondition.Unhealthy(NoRunYet, "no background readiness run has completed yet");
        }

        var age = (now - run.StartedAt).TotalSeconds;
        return ReadinessReport.IsStale(run, now, _maxAge)
            ? SelfCondition.Unhealthy(Reasons.StaleResult, $"the latest background readiness run started {age:F0} s ago, more than three periods and the slowest check's timeout ({_maxAge.TotalSeconds:F0} s): the loop has stalled")
            : SelfCondition.Healthy($"the latest background readiness run started {age:F0} s ago (every {_readiness.PeriodSeconds} s)");
    }
}
