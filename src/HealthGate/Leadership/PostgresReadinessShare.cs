using HealthGate.Health;
using HealthGate.Storage;
using Npgsql;

namespace HealthGate.Leadership;

/// <summary>
/// <c>healthgate_readiness</c>, one row per desk, upserted by the leader after each run and read by the followers
/// each period. The run keeps its own start time, so a follower judges staleness as the leader would: a row no
/// leader refreshes turns 503 everywhere after three periods.
/// </summary>
internal sealed class PostgresReadinessShare(string connectionString, DeskName desk, TimeProvider time) : IReadinessShare, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly string _writer = $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task WriteAsync(LedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO healthgate_readiness (desk, started_at, checks, checked_at, written_by)
            VALUES (@desk, @started_at, @checks, @checked_at, @written_by)
            ON CONFLICT (desk) DO UPDATE SET started_at = EXCLUDED.started_at, checks = EXCLUDED.checks,
                checked_at = EXCLUDED.checked_at, written_by = EXCLUDED.written_by
            """);
        command.Parameters.AddWithValue("desk", desk.Value);
        command.Parameters.AddWithValue("started_at", run.Smoothed.StartedAt.ToUniversalTime());
        command.Parameters.AddWithValue("checks", StoreValues.ToJson(SharedReadiness.Of(run)));
        command.Parameters.AddWithValue("checked_at", time.GetUtcNow());
        command.Parameters.AddWithValue("written_by", _writer);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LedRun?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT started_at, checks FROM healthgate_readiness WHERE desk = @desk");
        command.Parameters.AddWithValue("desk", desk.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? StoreValues.FromJson<SharedReadiness>(reader.GetString(1)).ToLedRun(reader.GetFieldValue<DateTimeOffset>(0))
            : null;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
