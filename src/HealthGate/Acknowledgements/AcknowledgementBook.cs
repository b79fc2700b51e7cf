using HealthGate.Contracts;
using HealthGate.Storage;

namespace HealthGate.Acknowledgements;

/// <summary>
/// The acknowledgement in force for each check, in memory so a notification asks without a query: loaded from the store
/// at start, added to when one is made here or another replica announces one, and reloaded after a lost announcement.
/// Only notifications read it; the verdict never does. Time is always the caller's, so expiry needs no sweep.
/// </summary>
internal sealed class AcknowledgementBook(IAcknowledgementStore store, TimeProvider time)
{
    private readonly Lock _lock = new();
    private Dictionary<string, AcknowledgementRecord> _newest = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="check"/>'s notifications are silenced at <paramref name="at"/>.</summary>
    public bool IsAcknowledged(string check, DateTimeOffset at) => Find(check, at) is not null;

    /// <summary>The acknowledgement silencing <paramref name="check"/> at <paramref name="at"/>, if any.</summary>
    public AcknowledgementRecord? Find(string check, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(check);
        lock (_lock)
        {
            return _newest.TryGetValue(check, out var found) && found.Until > at ? found : null;
        }
    }

    /// <summary>Every acknowledgement in force at <paramref name="at"/>, soonest to end first.</summary>
    public IReadOnlyList<AcknowledgementRecord> Current(DateTimeOffset at)
    {
        lock (_lock)
        {
            return [.. _newest.Values.Where(a => a.Until > at).OrderBy(a => a.Until).ThenBy(a => a.Check, StringComparer.Ordinal)];
        }
    }

    /// <summary>Takes <paramref name="acknowledgement"/> unless the book already holds a newer one of its check; true when it did.</summary>
    public bool Add(AcknowledgementRecord acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        lock (_lock)
        {
            if (_newest.TryGetValue(acknowledgement.Check, out var held) && held.Id >= acknowledgement.Id)
            {
                return false;
            }

            _newest[acknowledgement.Check] = acknowledgement;
            return true;
        }
    }

    /// <summary>Replaces the book with what the store holds in force now.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var current = await store.ListCurrentAcknowledgementsAsync(time.GetUtcNow(), cancellationToken);
        var loaded = current.GroupBy(a => a.Check, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!, StringComparer.OrdinalIgnoreCase);
        lock (_lock)
        {
            // One added meanwhile (its own id higher) is kept: a reload never forgets what it did not read yet.
            foreach (var (check, held) in _newest)
            {
                if (!loaded.TryGetValue(check, out var read) || read.Id < held.Id)
                {
                    if (held.Until > time.GetUtcNow())
                    {
                        loaded[check] = held;
                    }
                }
            }

            _newest = loaded;
        }
    }
}
