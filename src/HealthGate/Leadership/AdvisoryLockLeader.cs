using Npgsql;

namespace HealthGate.Leadership;

/// <summary>
/// PostgreSQL: the leader holds a session advisory lock on a connection of its own (never pooled, so closing it is
/// what frees the lock). Each period a follower tries the lock and the leader proves its session is alive; a leader
/// whose connection fails stops leading at once. A killed leader's session ends with its socket, so the lock frees
/// and a follower takes it at its next try.
/// </summary>
internal sealed class AdvisoryLockLeader : ILeaderElection, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly long _key;
    private readonly string _desk;
    private readonly TimeSpan _timeout;
    private readonly ILogger<AdvisoryLockLeader> _logger;
    private NpgsqlConnection? _connection;
    private volatile bool _leading;
    private bool _unreachable;

    public AdvisoryLockLeader(string connectionString, DeskName desk, TimeSpan timeout, ILogger<AdvisoryLockLeader> logger)
    {
        ArgumentNullException.ThrowIfNull(desk);
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "healthgate-leader" }.ConnectionString;
        _desk = desk.Value;
        _key = LeaderKey.Of(desk.Value);
        _timeout = timeout;
        _logger = logger;
    }

    public bool IsLeader => _leading;

    public async ValueTask<bool> TryLeadAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_timeout);
        try
        {
            _connection ??= await OpenAsync(bounded.Token);
            // Held: a round trip on the lock's own session proves it is still ours. Free: try it, never wait for it.
            await using var command = _leading
                ? new NpgsqlCommand("SELECT true", _connection)
                : new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _connection) { Parameters = { new("key", _key) } };
            var held = (bool)(await command.ExecuteScalarAsync(bounded.Token))!;
            _unreachable = false;
            if (held && !_leading)
            {
                LeadershipLog.Gained(_logger, _desk);
            }

            Lead(held);
            return held;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Whatever the session's state, it is no proof: drop it (the server frees a lock it still held).
            await DropConnectionAsync();
            var error = ex is OperationCanceledException ? $"no answer within {_timeout.TotalSeconds:F0} s" : ex.Message;
            if (_leading)
            {
                LeadershipLog.Lost(_logger, _desk, error);
            }
            else if (!_unreachable)
            {
                LeadershipLog.Unreachable(_logger, _desk, error);
            }

            _unreachable = true;
            Lead(false);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Lead(false);
        await DropConnectionAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    private void Lead(bool leading) => _leading = leading;
}
