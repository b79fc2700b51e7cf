using System.Data.Common;
using HealthGate.Runs;

namespace HealthGate.Storage;

/// <summary>An operational log entry as a row of <c>healthgate_op_log</c>. There is deliberately no update or delete.</summary>
internal static class OpLogRows
{
    private const string Columns = "recorded_at, kind, mode, run_id, verdict, exit_code, failures, decision, operator_name, approvers, ticket, reason, api_key_name";

    public static DbCommand Insert(DbConnection connection, OpLogEntry entry, Func<DateTimeOffset, object> toDb)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO healthgate_op_log ({Columns}) VALUES "
            + "(@recorded_at, @kind, @mode, @run_id, @verdict, @exit_code, @failures, @decision, @operator_name, @approvers, @ticket, @reason, @api_key_name) RETURNING id";
        StoreValues.AddParameter(command, "@recorded_at", toDb(entry.Timestamp));
        StoreValues.AddParameter(command, "@kind", entry.Kind);
        StoreValues.AddParameter(command, "@mode", entry.Mode);
        StoreValues.AddParameter(command, "@run_id", entry.RunId);
        StoreValues.AddParameter(command, "@verdict", entry.Verdict);
        StoreValues.AddParameter(command, "@exit_code", entry.ExitCode);
        StoreValues.AddParameter(command, "@failures", StoreValues.ToJson(entry.Failures));
        StoreValues.AddParameter(command, "@decision", entry.Decision);
        StoreValues.AddParameter(command, "@operator_name", entry.Operator);
        StoreValues.AddParameter(command, "@approvers", StoreValues.ToJson(entry.Approvers));
        StoreValues.AddParameter(command, "@ticket", entry.Ticket);
        StoreValues.AddParameter(command, "@reason", entry.Reason);
        StoreValues.AddParameter(command, "@api_key_name", entry.ApiKeyName);
        return command;
    }

    /// <summary>Entries matching <paramref name="filter"/>, newest first (ids only grow), at most <c>@limit</c>.</summary>
    public static string Select(string filter) => $"SELECT id, {Columns} FROM healthgate_op_log {filter} ORDER BY id DESC LIMIT @limit";

    public static OpLogEntry Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTimestamp) => new()
    {
        Id = reader.GetInt64(0),
        Timestamp = readTimestamp(reader, 1),
        Kind = reader.GetString(2),
        Mode = reader.GetString(3),
        RunId = StoreValues.NullableString(reader, 4),
        Verdict = StoreValues.NullableString(reader, 5),
        ExitCode = reader.IsDBNull(6) ? null : reader.GetInt32(6),
        Failures = StoreValues.FromJson<OpLogFailure[]>(reader.GetString(7)),
        Decision = reader.GetString(8),
        Operator = StoreValues.NullableString(reader, 9),
        Approvers = StoreValues.FromJson<string[]>(reader.GetString(10)),
        Ticket = StoreValues.NullableString(reader, 11),
        Reason = StoreValues.NullableString(reader, 12),
        ApiKeyName = StoreValues.NullableString(reader, 13),
    };
}
