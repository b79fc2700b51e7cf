using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Storage;

/// <summary>A preflight run as rows: one in <c>healthgate_runs</c>, one per check in <c>healthgate_run_checks</c>.</summary>
internal static class RunRows
{
    private const string RunColumns = "run_id, mode, verdict, exit_code, started_at, expires_at, duration_ms, config_hash";

    /// <summary>The run's row, written as <paramref name="desk"/>'s (its checks belong to the desk through the run).</summary>
    public static DbCommand InsertRun(DbConnection connection, PreflightRun run, string desk, Func<DateTimeOffset, object> toDb)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO healthgate_runs (desk, {RunColumns}) VALUES (@desk, @run_id, @mode, @verdict, @exit_code, @started_at, @expires_at, @duration_ms, @config_hash)";
        Add(command, "@desk", desk);
        Add(command, "@run_id", run.RunId);
        Add(command, "@mode", run.Mode);
        Add(command, "@verdict", run.Verdict.Token());
        Add(command, "@exit_code", run.ExitCode);
        Add(command, "@started_at", toDb(StoreValues.Truncate(run.StartedAt)));
        Add(command, "@expires_at", toDb(StoreValues.Truncate(run.ExpiresAt)));
        Add(command, "@duration_ms", run.DurationMs);
        Add(command, "@config_hash", run.ConfigHash);
        return command;
    }

    /// <summary>At most this many checks per INSERT: 11 parameters each stays far below SQLite's 32,766.</summary>
    public const int ChecksPerInsert = 64;

    private static readonly string[] CheckColumns =
        ["ordinal", "name", "type", "tier", "status", "duration_ms", "reason", "description", "data", "depends_on", "blocked_by"];

    /// <summary>
    /// The checks <c>[first, first + count)</c> of a run as one multi-row INSERT: one statement to prepare and step
    /// instead of one per check, on the preflight's answer path.
    /// </summary>
    public static DbCommand InsertChecks(DbConnection connection, string runId, IReadOnlyList<CheckResult> checks, int first, int count)
    {
        var command = connection.CreateCommand();
        Add(command, "@run_id", runId);
        var rows = new string[count];
        for (var row = 0; row < count; row++)
        {
            var check = checks[first + row];
            var names = CheckColumns.Select(column => string.Create(CultureInfo.InvariantCulture, $"@c{row}_{column}")).ToArray();
            rows[row] = $"(@run_id, {string.Join(", ", names)})";
            object?[] values =
            [
                first + row, check.Name, check.Type, check.Tier.ToString(), check.Status.ToString(), check.DurationMs, check.Reason,
                check.Description, StoreValues.ToJson(check.Data), StoreValues.ToJson(check.DependsOn), StoreValues.ToJson(check.BlockedBy),
            ];
            for (var i = 0; i < names.Length; i++)
            {
                Add(command, names[i], values[i]);
            }
        }

#pragma warning disable CA2100 // Built only from constants and generated parameter names; values go through parameters.
        command.CommandText = $"INSERT INTO healthgate_run_checks (run_id, {string.Join(", ", CheckColumns)}) VALUES {string.Join(", ", rows)}";
#pragma warning restore CA2100
        return command;
    }

    /// <summary>Runs matching <paramref name="filter"/>, newest first, at most <c>@limit</c>, each with its checks in order.</summary>
    public static string Select(string filter) =>
        $"SELECT r.run_id, r.mode, r.verdict, r.exit_code, r.started_at, r.expires_at, r.duration_ms, r.config_hash, "
        + "c.name, c.type, c.tier, c.status, c.duration_ms, c.reason, c.description, c.data, c.depends_on, c.blocked_by "
        + $"FROM (SELECT {RunColumns} FROM healthgate_runs {filter} ORDER BY started_at DESC, run_id DESC LIMIT @limit) r "
        + "LEFT JOIN healthgate_run_checks c ON c.run_id = r.run_id "
        + "ORDER BY r.started_at DESC, r.run_id DESC, c.ordinal";

    public static async Task<IReadOnlyList<PreflightRun>> ReadAsync(
        DbDataReader reader,
        Func<DbDataReader, int, DateTimeOffset> readTimestamp,
        CancellationToken cancellationToken)
    {
        var runs = new List<(PreflightRun Header, List<CheckResult> Checks)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var runId = reader.GetString(0);
            if (runs.Count == 0 || runs[^1].Header.RunId != runId)
            {
                var header = new PreflightRun(runId, reader.GetString(1), ParseVerdict(reader.GetString(2)), reader.GetInt32(3), readTimestamp(reader, 4), reader.GetDouble(6), PreflightSummary.Of([]), [])
                {
                    ExpiresAt = readTimestamp(reader, 5),
                    ConfigHash = reader.GetString(7),
                };
                runs.Add((header, []));
            }

            // A run without checks comes back as one row whose check columns are NULL (LEFT JOIN).
            if (!reader.IsDBNull(8))
            {
                runs[^1].Checks.Add(ReadCheck(reader));
            }
        }

        return [.. runs.Select(r => r.Header with
        {
            Summary = PreflightSummary.Of(r.Checks),
            Checks = r.Checks,
        })];
    }

    private static CheckResult ReadCheck(DbDataReader reader)
    {
        var data = StoreValues.FromJson<Dictionary<string, JsonElement>>(reader.GetString(15)).ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        return new CheckResult(
            reader.GetString(8),
            reader.GetString(9),
            Enum.Parse<CheckTier>(reader.GetString(10)),
            Enum.Parse<HealthStatus>(reader.GetString(11)),
            reader.GetDouble(12),
            reader.GetString(13),
            reader.GetString(14),
            data)
        {
            DependsOn = StoreValues.FromJson<string[]>(reader.GetString(16)),
            BlockedBy = StoreValues.FromJson<string[]>(reader.GetString(17)),
        };
    }

    private static Verdict ParseVerdict(string token) =>
        Enum.GetValues<Verdict>().Where(v => v.Token() == token).Select(v => (Verdict?)v).FirstOrDefault()
            ?? throw new InvalidDataException($"unknown verdict '{token}' in healthgate_runs");

    private static void Add(DbCommand command, string name, object? value) => StoreValues.AddParameter(command, name, value);
}
