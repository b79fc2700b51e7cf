namespace HealthGate.Storage;

/// <summary>
/// Whether the store takes writes, from the outcome of the latest one (a run, an operational log entry, the probe):
/// a failed record shows at once, and the next write that succeeds clears it. Transitions are logged once each.
/// </summary>
internal sealed class StoreWriteState(TimeProvider time, ILogger<StoreWriteState> logger)
{
    private readonly Lock _lock = new();
    private StoreWrite? _latest;

    /// <summary>Null until the first write has ended.</summary>
    public StoreWrite? Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    public void Succeeded()
    {
        var now = time.GetUtcNow();
        DateTimeOffset? failingSince;
        lock (_lock)
        {
            failingSince = _latest?.FailingSince;
            _latest = new StoreWrite(true, now, null, null);
        }

        if (failingSince is { } since)
        {
            StorageLog.WritesAgain(logger, (now - since).TotalSeconds);
        }
    }

    public void Failed(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var now = time.GetUtcNow();
        bool wasFailing;
        lock (_lock)
        {
            wasFailing = _latest is { Succeeded: false };
            _latest = new StoreWrite(false, now, error, _latest?.FailingSince ?? now);
        }

        if (!wasFailing)
        {
            StorageLog.WritesFailing(logger, error);
        }
    }
}
