using System.Data.Common;
using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>
/// Overrides as rows: the request and its state in <c>healthgate_overrides</c>, each person's decision in
/// <c>healthgate_override_approvals</c>, whose keys make "one person decides once" and "one role is filled once"
/// hold in the database too.
/// </summary>
internal static class OverrideTable
{
    private const string Columns = "id, kind, mode, run_id, config_hash, state, requested_by_id, requested_by_name, requested_by_kind, requested_at, "
        + "expires_at, reason, ticket, impact, mitigation, required, used_at, used_by_id, used_by_name, used_by_kind, used_for_run_id";

    /// <summary>The request as <paramref name="desk"/>'s override (its decisions belong to the desk through it).</summary>
    public static DbCommand Insert(DbConnection connection, OverrideRecord record, string desk, Func<DateTimeOffset, object> toDb)
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO healthgate_overrides (desk, kind, mode, run_id, config_hash, state, requested_by_id, requested_by_name, "
            + "requested_by_kind, requested_at, expires_at, reason, ticket, impact, mitigation, required) VALUES (@desk, @kind, @mode, @run_id, @config_hash, "
            + "@state, @by_id, @by_name, @by_kind, @requested_at, @expires_at, @reason, @ticket, @impact, @mitigation, @required) RETURNING id";
        Add(command, ("@desk", desk), ("@kind", record.Kind), ("@mode", record.Mode), ("@run_id", record.RunId), ("@config_hash", record.ConfigHash), ("@state", record.State),
            ("@by_id", record.RequestedBy.Id), ("@by_name", record.RequestedBy.Name), ("@by_kind", record.RequestedBy.Kind),
            ("@requested_at", toDb(record.RequestedAt)), ("@expires_at", toDb(record.ExpiresAt)), ("@reason", record.Reason), ("@ticket", record.Ticket),
            ("@impact", record.Impact), ("@mitigation", record.Mitigation), ("@required", StoreValues.ToJson(record.Required)));
        return command;
    }

    /// <summary>The state and the use: the only columns that change, and only forward (the rules see to that).</summary>
    public static DbCommand Update(DbConnection connection, OverrideRecord record, Func<DateTimeOffset, object> toDb)
    {
        var command = connection.CreateCommand();
        command.CommandText = "UPDATE healthgate_overrides SET state = @state, used_at = @used_at, used_by_id = @used_by_id, "
            + "used_by_name = @used_by_name, used_by_kind = @used_by_kind, used_for_run_id = @used_for_run_id WHERE id = @id";
        Add(command, ("@state", record.State), ("@used_at", record.UsedAt is { } at ? toDb(at) : null), ("@used_by_id", record.UsedBy?.Id),
            ("@used_by_name", record.UsedBy?.Name), ("@used_by_kind", record.UsedBy?.Kind), ("@used_for_run_id", record.UsedForRunId), ("@id", record.Id));
        return command;
    }

    public static DbCommand InsertApproval(DbConnection connection, long overrideId, ApprovalRecord approval, long decidedSeq, Func<DateTimeOffset, object> toDb)
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO healthgate_override_approvals (override_id, person_id, person_name, role, decision, comment, at, decided_seq) "
            + "VALUES (@override_id, @person_id, @person_name, @role, @decision, @comment, @at, @decided_seq)";
        Add(command, ("@override_id", overrideId), ("@person_id", approval.Person.Id), ("@person_name", approval.Person.Name), ("@role", approval.Role),
            ("@decision", approval.Decision), ("@comment", approval.Comment), ("@at", toDb(approval.At)), ("@decided_seq", decidedSeq));
        return command;
    }

    public static string Select(string filter) => $"SELECT {Columns} FROM healthgate_overrides {filter} ORDER BY id DESC LIMIT @limit";

    /// <summary>The decisions on a set of overrides (<c>@id0</c>, <c>@id1</c>…), in the order they were given.</summary>
    public static string SelectApprovals(int count) =>
        "SELECT override_id, person_id, person_name, role, decision, comment, at FROM healthgate_override_approvals "
        + $"WHERE override_id IN ({string.Join(", ", Enumerable.Range(0, count).Select(i => $"@id{i}"))}) ORDER BY decided_seq";

    public static OverrideRecord Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTimestamp)
    {
        var required = StoreValues.FromJson<string[]>(reader.GetString(15));
        return new()
        {
            Id = reader.GetInt64(0),
            Kind = reader.GetString(1),
            Mode = reader.GetString(2),
            RunId = StoreValues.NullableString(reader, 3),
            ConfigHash = reader.GetString(4),
            State = reader.GetString(5),
            RequestedBy = new Actor(reader.GetString(6), reader.GetString(7), reader.GetString(8)),
            RequestedAt = readTimestamp(reader, 9),
            ExpiresAt = readTimestamp(reader, 10),
            Reason = StoreValues.NullableString(reader, 11),
            Ticket = StoreValues.NullableString(reader, 12),
            Impact = StoreValues.NullableString(reader, 13),
            Mitigation = StoreValues.NullableString(reader, 14),
            Required = required,
            Awaiting = required,
            UsedAt = reader.IsDBNull(16) ? null : readTimestamp(reader, 16),
            UsedBy = reader.IsDBNull(17) ? null : new Actor(reader.GetString(17), reader.GetString(18), reader.GetString(19)),
            UsedForRunId = StoreValues.NullableString(reader, 20),
        };
    }

    public static (long OverrideId, ApprovalRecord Approval) ReadApproval(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTimestamp) =>
        (reader.GetInt64(0), new ApprovalRecord(
            new Actor(reader.GetString(1), reader.GetString(2), Actor.Person),
            StoreValues.NullableString(reader, 3),
            reader.GetString(4),
            StoreValues.NullableString(reader, 5),
            readTimestamp(reader, 6)));

    /// <summary>The override with its decisions, and the roles still awaited computed from them.</summary>
    public static OverrideRecord WithApprovals(OverrideRecord record, IReadOnlyList<ApprovalRecord> approvals)
    {
        var filled = approvals.Where(a => a.Role is not null).Select(a => a.Role!).ToHashSet(StringComparer.Ordinal);
        return record with { Approvals = approvals, Awaiting = [.. record.Required.Where(r => !filled.Contains(r))] };
    }

    private static void Add(DbCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            StoreValues.AddParameter(command, name, value);
        }
    }
}
