namespace HealthGate.Replication;

/// <summary>
/// The state this replica last told its pages of, per override: a catch-up tells only of those that changed while it
/// was not listening. Overrides live minutes (an approval window), so the newest few hundred are all that can change.
/// </summary>
internal sealed class SeenOverrides
{
    public const int Capacity = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, string> _states = [];

    /// <summary>Records <paramref name="state"/>; true when it is news (an override not seen, or seen in another state).</summary>
    public bool Changed(long id, string state)
    {
        lock (_lock)
        {
            if (_states.TryGetValue(id, out var known) && known == state)
            {
                return false;
            }

            if (_states.Count >= Capacity)
            {
                _states.Remove(_states.Keys.Min());
            }

            _states[id] = state;
            return true;
        }
    }
}
