using System.Collections.Concurrent;
using StackExchange.Redis;

namespace HealthGate.Checks.Redis;

/// <summary>
/// One <see cref="ConnectionMultiplexer"/> per Redis target, created on first use and kept. It is created
/// with AbortOnConnectFail off, so it exists while the server is down and reconnects by itself when it returns.
/// </summary>
internal sealed class RedisConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _connections = new(StringComparer.Ordinal);

    // Keyed by timeout too: two checks of one server with different budgets need clients with different timeouts.
    public Task<ConnectionMultiplexer> GetAsync(RedisCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _connections.GetOrAdd(
            $"{options.TimeoutMs}|{options.ConnectionString}",
            _ => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(options.ToClientOptions()))).Value;
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
        {
            connection.Value.Result.Dispose();
        }
    }
}
