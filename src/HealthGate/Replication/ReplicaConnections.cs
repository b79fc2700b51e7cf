using System.Collections.Concurrent;
using HealthGate.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HealthGate.Replication;

/// <summary>
/// The connections the replicas talk over, only with <c>Storage:Provider</c> <c>postgres</c> (SQLite serves one
/// process: nothing to tell). A small pool of its own sends the notifications; the listener has one unpooled
/// connection. The backend ids of the sending connections are kept, so the listener knows its own notifications.
/// </summary>
internal sealed class ReplicaConnections : IAsyncDisposable
{
    /// <summary>A notification that is not sent by then is given up: a preflight's answer does not wait on a hung store.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<int, byte> _ownBackends = new();
    private readonly NpgsqlDataSource? _senders;

    public ReplicaConnections(IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!storage.Value.IsPostgres)
        {
            return;
        }

        // Nothing sent on these connections is evidence: a notification is not durable in PostgreSQL anyway, and a
        // claim is coordination (lost in a crash, the row reads as before it). So their commits do not wait for the
        // WAL's flush: a preflight waits for the disk once, for its own record, not three times behind a prune.
        var senders = new NpgsqlConnectionStringBuilder(storage.Value.EffectiveConnectionString) { MaxPoolSize = 4 };
        senders.Options = string.IsNullOrWhiteSpace(senders.Options)
            ? "-c synchronous_commit=off"
            : senders.Options + " -c synchronous_commit=off";
        _senders = NpgsqlDataSource.Create(senders.ConnectionString);

        // Its own backend, never returned to a pool: a LISTEN belongs to one session. Keepalives find a dead peer
        // that never said goodbye (a cut network) as a server restart is found: the wait fails and the loop reconnects.
        var listener = new NpgsqlConnectionStringBuilder(storage.Value.EffectiveConnectionString) { Pooling = false };
        if (listener.KeepAlive == 0)
        {
            listener.KeepAlive = 5;
        }

        ListenerConnectionString = listener.ConnectionString;
    }

    public bool Enabled => _senders is not null;

    public string ListenerConnectionString { get; } = "";

    /// <summary>True when the notification came from one of this replica's own sending connections.</summary>
    public bool IsOwn(int backendPid) => _ownBackends.ContainsKey(backendPid);

    /// <summary>Sends <c>NOTIFY channel, 'id'</c>, bounded by <see cref="SendTimeout"/>; throws on failure.</summary>
    public async Task NotifyAsync(string channel, string id)
    {
        if (_senders is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(SendTimeout);
        try
        {
            await using var connection = await _senders.OpenConnectionAsync(timeout.Token);
            _ownBackends.TryAdd(connection.ProcessID, 0);
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @id)", connection);
            command.Parameters.AddWithValue("channel", channel);
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync(timeout.Token);
        }
        catch
        {
            // Pooled connections are dead after a server restart: the next notification opens fresh ones.
            _senders.Clear();
            throw;
        }
    }

    /// <summary>A connection from the senders' pool, for the desk's short transactions (coalescing claims).</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(_senders);
        try
        {
            return await _senders.OpenConnectionAsync(cancellationToken);
        }
        catch
        {
            _senders.Clear();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _senders?.DisposeAsync() ?? ValueTask.CompletedTask;
}
