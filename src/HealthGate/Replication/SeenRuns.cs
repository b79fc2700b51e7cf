namespace HealthGate.Replication;

/// <summary>
/// The run ids this replica has already fed to its dashboard (its own and the others'), bounded, and the newest start
/// among them: a run is told once however it arrives (live, its own notification coming back, a catch-up), and a
/// catch-up reads only what started after the newest seen.
/// </summary>
internal sealed class SeenRuns(DateTimeOffset since)
{
    public const int Capacity = 8192;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private DateTimeOffset _newest = since;

    /// <summary>The newest start among the runs seen, or when this replica started listening.</summary>
    public DateTimeOffset Newest
    {
        get
        {
            lock (_lock)
            {
                return _newest;
            }
        }
    }

    /// <summary>Marks a run seen; false when it already was.</summary>
    public bool Add(string runId, DateTimeOffset startedAt)
    {
        lock (_lock)
        {
            if (!_ids.Add(runId))
            {
                return false;
            }

            _order.Enqueue(runId);
            if (_order.Count > Capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            if (startedAt > _newest)
            {
                _newest = startedAt;
            }

            return true;
        }
    }

    public bool Contains(string runId)
    {
        lock (_lock)
        {
            return _ids.Contains(runId);
        }
    }
}
