using HealthGate.Leadership;
using HealthGate.Preflight;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HealthGate.Replication;

/// <summary>
/// Coalescing and the run cap of a desk held in <c>healthgate_run_flights</c>, one row per (desk, mode) read and
/// written under its row lock: the latest run a replica started (or will start, over the cap) and the cap's next
/// allowed instant (the generic cell rate algorithm, as <see cref="RunCap"/> keeps it in one process). A request joins
/// the desk's latest run when that run is still in flight (not yet recorded), starts at most the coalescing window
/// before the request arrived and was configured as this replica is (same configHash); otherwise it starts the next one. Replicas' clocks are compared, so
/// they must be synchronised (the clock check says whether they are).
/// </summary>
internal sealed class PostgresDeskCoalescing(
    ReplicaConnections connections,
    RunArrivals arrivals,
    IRunStore runs,
    DeskName desk,
    IOptions<PreflightOptions> options,
    TimeProvider time) : IDeskCoalescing
{
    /// <summary>A desk that does not answer by then is not asked: this replica runs alone (and its store write will tell).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often a waiter looks in the store itself, in case the notification is late or lost.</summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan _window = TimeSpan.FromMilliseconds(options.Value.CoalesceWindowMs);
    private readonly int _maxRunsPerSecond = options.Value.MaxRunsPerSecond;

    public bool Enabled => connections.Enabled;

    public async Task<DeskClaim> ClaimAsync(string mode, string configHash, DateTimeOffset arrived, CancellationToken cancellationToken)
    {
        // A stopped server holds a connection's disposal and a cancellation's own request too: abandoned, never awaited.
        var claim = ClaimCoreAsync(mode, configHash, arrived, cancellationToken);
        try
        {
            return await claim.WaitAsync(ClaimTimeout, time, cancellationToken);
        }
        catch
        {
            _ = claim.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    private async Task<DeskClaim> ClaimCoreAsync(string mode, string configHash, DateTimeOffset arrived, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ClaimTimeout);
        await using var connection = await connections.OpenAsync(timeout.Token);
        await using var transaction = await connection.BeginTransactionAsync(timeout.Token);
        await using (var seed = Command(connection, transaction, mode,
            "INSERT INTO healthgate_run_flights VALUES (@desk, @mode, '', '', 'epoch', 'epoch') ON CONFLICT DO NOTHING"))
        {
            await seed.ExecuteNonQueryAsync(timeout.Token);
        }

        DeskClaim claim;
        DateTimeOffset capAt;
        await using (var read = Command(connection, transaction, mode,
            """
            SELECT f.run_id, f.config_hash, f.starts_at, f.cap_at, EXISTS (SELECT 1 FROM healthgate_runs r WHERE r.run_id = f.run_id)
            FROM healthgate_run_flights f WHERE f.desk = @desk AND f.mode = @mode FOR UPDATE OF f
            """))
        await using (var reader = await read.ExecuteReaderAsync(timeout.Token))
        {
            await reader.ReadAsync(timeout.Token);
            var latest = new DeskClaim(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(2), Joined: true);
            // In flight only: a recorded run is over, and a request after it is answered by a fresh one, as on one replica.
            if (reader.GetString(1) == configHash && latest.StartsAt >= arrived - _window && !reader.GetBoolean(4))
            {
                return latest;
            }

            (var startsAt, capAt) = NextStart(reader.GetFieldValue<DateTimeOffset>(3), arrived);
            claim = new DeskClaim(RunId.New(startsAt), startsAt, Joined: false);
        }

        await using (var write = Command(connection, transaction, mode,
            "UPDATE healthgate_run_flights SET run_id = @run_id, config_hash = @config_hash, starts_at = @starts_at, cap_at = @cap_at WHERE desk = @desk AND mode = @mode"))
        {
            write.Parameters.AddWithValue("run_id", claim.RunId);
            write.Parameters.AddWithValue("config_hash", configHash);
            write.Parameters.AddWithValue("starts_at", claim.StartsAt.ToUniversalTime());
            write.Parameters.AddWithValue("cap_at", capAt.ToUniversalTime());
            await write.ExecuteNonQueryAsync(timeout.Token);
        }

        await transaction.CommitAsync(timeout.Token);
        return claim;
    }

    public async Task<PreflightRun?> AwaitRunAsync(string runId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var arrival = arrivals.Expect(runId);
        try
        {
            while (true)
            {
                // Looked up after the waiter is in place: a run recorded in between is found here or handed over.
                if (arrival.Task.IsCompleted)
                {
                    return await arrival.Task;
                }

                if (await FindAsync(runId, cancellationToken) is { } found)
                {
                    return found;
                }

                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                using var look = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(arrival.Task, Task.Delay(left < LookInterval ? left : LookInterval, time, look.Token));
                await look.CancelAsync();
            }
        }
        finally
        {
            arrivals.Forget(runId, arrival);
        }
    }

    private (DateTimeOffset StartsAt, DateTimeOffset CapAt) NextStart(DateTimeOffset theoretical, DateTimeOffset arrived)
    {
        if (_maxRunsPerSecond <= 0)
        {
            return (arrived, arrived);
        }

        var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / _maxRunsPerSecond);
        var burst = interval * (_maxRunsPerSecond - 1);
        var startsAt = theoretical - burst > arrived ? theoretical - burst : arrived;
        return (startsAt, (theoretical > arrived ? theoretical : arrived) + interval);
    }

    private async Task<PreflightRun?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        using var look = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        look.CancelAfter(ClaimTimeout);
        var find = runs.FindRunAsync(runId, look.Token);
        try
        {
            return await find.WaitAsync(ClaimTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store that does not answer now may by the deadline; past it the request runs its own.
            _ = find.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return null;
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string mode, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("desk", desk.Value);
        command.Parameters.AddWithValue("mode", mode);
        return command;
    }
}
