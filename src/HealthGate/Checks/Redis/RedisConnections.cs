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

    public Task<ConnectionMultiplexer> GetAsync(string connectionString) =>
        _connections.GetOrAdd(connectionString, cs => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(cs))).Value;

    public void Dispose()
    {
        foreach (var connection in _connections.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully))
        {
            connection.Value.Result.Dispose();
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var options = RedisCheckOptions.TryParse(connectionString)
            ?? throw new InvalidOperationException("invalid Redis connection string");
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 1;
        // The first check waits for this attempt; keep it inside the default 2 s check timeout.
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 1000);
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
