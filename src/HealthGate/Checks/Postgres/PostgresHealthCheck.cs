using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HealthGate.Checks.Postgres;

/// <summary>Proves the database accepts a connection and answers the configured query.</summary>
internal sealed class PostgresHealthCheck(PostgresCheckOptions options, PostgresDataSources dataSources, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dataSource = dataSources.Get(options);
        var started = time.GetTimestamp();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(options.Query, connection);
            await command.ExecuteScalarAsync(cancellationToken);
            var latencyMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
            return CheckOutcome.Healthy($"query answered in {latencyMs:F1} ms", new Dictionary<string, object> { ["latencyMs"] = latencyMs });
        }
        catch (PostgresException ex) when (IsServerGone(ex.SqlState))
        {
            // A pooled session ended by a shutdown or crash of the server: the server is gone, not the query wrong.
            dataSource.Clear();
            return CheckOutcome.Unhealthy(Reasons.Unreachable, $"the database ended the session: {ex.SqlState} {ex.MessageText}");
        }
        catch (PostgresException ex)
        {
            return CheckOutcome.Unhealthy(Reasons.QueryFailed, $"the server refused the query: {ex.SqlState} {ex.MessageText}");
        }
        catch (NpgsqlException ex) when (ex.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // The client's own timeout (derived from TimeoutMs) fired first: the same reason as the engine's.
            dataSource.Clear();
            return CheckOutcome.Unhealthy(Reasons.Timeout, $"no answer from the database within its client timeout: {ex.InnerException.Message}");
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Pooled connections to a restarted server are dead; drop them so the next run connects afresh.
            dataSource.Clear();
            return CheckOutcome.Unhealthy(Reasons.Unreachable, $"cannot reach the database: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, and class 08, connection exceptions.
    private static bool IsServerGone(string sqlState) =>
        sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
        || sqlState.StartsWith("08", StringComparison.Ordinal);
}
