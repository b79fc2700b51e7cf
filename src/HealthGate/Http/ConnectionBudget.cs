namespace HealthGate.Http;

/// <summary>
/// How many client connections the gate holds at once, derived from its open-files limit: every connection is a
/// descriptor, and the process needs its own for the store, the checks' sockets and files, its assemblies and the
/// runtime, which cannot even start a thread without one. Past the budget Kestrel closes a new connection at once.
/// </summary>
internal readonly record struct ConnectionBudget(long? DescriptorLimit, int MaxConnections, long Reserved)
{
    /// <summary>Descriptors kept for the process itself: ~300 at rest (assemblies, pipes, the listener), the store's connections, every check's sockets during a run.</summary>
    public const int Reserve = 1024;

    /// <summary>Beyond any desk's launchers, probes, scrapers and pages; also the bound where the limit is unknown or unlimited.</summary>
    public const int Ceiling = 4096;

    /// <summary>Even a tiny limit leaves room for a probe, a scrape and a launcher.</summary>
    public const int Floor = 16;

    /// <summary>Limit minus the reserve (half the limit when it is under twice the reserve), between the floor and the ceiling.</summary>
    public static ConnectionBudget For(long? descriptorLimit)
    {
        if (descriptorLimit is not { } limit)
        {
            return new(null, Ceiling, 0);
        }

        var reserved = Math.Min(Reserve, limit / 2);
        var connections = (int)Math.Clamp(limit - reserved, Floor, Ceiling);
        return new(limit, connections, limit - connections);
    }
}
