namespace HealthGate.DemoBackend;

/// <summary>What the stand-in backend currently pretends: healthy until a fault is flipped through <c>/faults</c>.</summary>
internal sealed class DeskFaults
{
    public const string NormalLevel = "NORMAL";

    /// <summary>Kraken's SystemStatus of an open venue.</summary>
    public const string OnlineVenue = "online";

    /// <summary>The exchange's used request weight while the desk is quiet: far below the demo desk's limit of 6000.</summary>
    public const long QuietUsedWeight = 12;

    private readonly Lock _lock = new();
    private FaultState _state = FaultState.Healthy;
    private long _essTriggers;

    public FaultState Current
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>How often the ESS was switched on since start: the <c>ess_triggers_total</c> counter.</summary>
    public long EssTriggers => Interlocked.Read(ref _essTriggers);

    public FaultState SetRiskLevel(string level) => Update(s => s with { RiskLevel = level });

    public FaultState SetEss(bool active)
    {
        lock (_lock)
        {
            if (active && !_state.EssActive)
            {
                Interlocked.Increment(ref _essTriggers);
            }

            _state = _state with { EssActive = active };
            return _state;
        }
    }

    public FaultState SetSkew(long milliseconds) => Update(s => s with { SkewMs = milliseconds });

    public FaultState SetExecutionDown(bool down) => Update(s => s with { ExecutionDown = down });

    public FaultState SetMetricsMissing(bool missing) => Update(s => s with { MetricsMissing = missing });

    public FaultState SetVenueStatus(string status) => Update(s => s with { VenueStatus = status });

    public FaultState SetUsedWeight(long weight) => Update(s => s with { UsedWeight = weight });

    public FaultState Reset() => Update(_ => FaultState.Healthy);

    private FaultState Update(Func<FaultState, FaultState> change)
    {
        lock (_lock)
        {
            _state = change(_state);
            return _state;
        }
    }
}
