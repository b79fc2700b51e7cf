
namespace HealthGate.Dashboard;

/// <summary>
/// The last results of one check, oldest first and ordered by time whatever order the runs report in, at most
/// <c>capacity</c> of them, plus the hourly uptime counts. Not thread-safe: <see cref="CheckHistory"/> locks.
/// </summary>
internal sealed class CheckTimeline(int capacity)
{
    private readonly List<CheckHistoryEntry> _entries = [];

    public UptimeWindow Uptime { get; } = new();

    public CheckHistoryEntry? Latest => _entries.Count == 0 ? null : _entries[^1];

    /// <summary>Adds the entry in time order; false when it is already held (the same preflight seen live and in the store).</summary>
    public bool Add(CheckHistoryEntry entry)
    {
        var index = _entries.Count;
        while (index > 0 && _entries[index - 1].At > entry.At)
        {
            index--;
        }

        for (var i = index - 1; i >= 0 && _entries[i].At == entry.At; i--)
        {
            if (entry.RunId is not null && _entries[i].RunId == entry.RunId)
            {
                return false;
            }
        }

        _entries.Insert(index, entry);
        if (_entries.Count > capacity)
        {
            _entries.RemoveAt(0);
        }

        Uptime.Add(entry.At, entry.IsUp);
        return true;
    }

    public IReadOnlyList<CheckHistoryEntry> Newest(int limit) => [.. Enumerable.Reverse(_entries).Take(limit)];
}
