using System.Data.Common;
using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>
/// The operational log as rows of <c>healthgate_oplog</c>, one column per field of <see cref="OpLogRecord"/>. There is
/// deliberately no update or delete: the database refuses both too (triggers).
/// </summary>
internal static class OpLogTable
{
    /// <summary>Every column but the desk, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = "seq, at, kind, mode, run_id, verdict, exit_code, failures, decision, who_id, who_name, who_kind, "
        + "override_id, override_kind, role, ticket, reason, impact, mitigation, comment, config_hash, prev_hash, hash, signature";

    /// <summary>The entry as a row of <paramref name="desk"/>'s chain.</summary>
    public static DbCommand Insert(DbConnection connection, OpLogRecord entry, string desk, Func<DateTimeOffset, object> toDb)
    {
        var command = connection.CreateCommand();
        var names = Columns.Split(", ");
        command.CommandText = $"INSERT INTO healthgate_oplog (desk, {Columns}) VALUES (@desk, {string.Join(", ", names.Select(n => "@" + n))})";
        StoreValues.AddParameter(command, "@desk", desk);
        object?[] values =
        [
            entry.Seq, toDb(entry.At), entry.Kind, entry.Mode, entry.RunId, entry.Verdict, entry.ExitCode, StoreValues.ToJson(entry.Failures),
            entry.Decision, entry.Who?.Id, entry.Who?.Name, entry.Who?.Kind, entry.OverrideId, entry.OverrideKind, entry.Role, entry.Ticket,
            entry.Reason, entry.Impact, entry.Mitigation, entry.Comment, entry.ConfigHash, entry.PrevHash, entry.Hash, entry.Signature,
        ];
        for (var i = 0; i < names.Length; i++)
        {
            StoreValues.AddParameter(command, "@" + names[i], values[i]);
        }

        return command;
    }

    /// <summary>Entries matching <paramref name="filter"/> in chain order (or newest first), at most <c>@limit</c>.</summary>
    public static string Select(string filter, bool newestFirst = false) =>
        $"SELECT {Columns}, desk FROM healthgate_oplog {filter} ORDER BY seq {(newestFirst ? "DESC" : "ASC")} LIMIT @limit";

    /// <summary>The desk as an entry carries it (and hashes it): null for the default desk, whose entries predate desks.</summary>
    public static string? EntryDesk(string desk) => desk == Desks.DeskOptions.DefaultName ? null : desk;

    /// <summary>The head of desk <c>@desk</c>'s chain: its last entry's seq and hash, none for an empty log.</summary>
    public const string Head = "SELECT seq, hash FROM healthgate_oplog WHERE desk = @desk ORDER BY seq DESC LIMIT 1";

    public static OpLogRecord Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTimestamp) => new()
    {
        Seq = reader.GetInt64(0),
        At = readTimestamp(reader, 1),
        Kind = reader.GetString(2),
        Mode = reader.GetString(3),
        RunId = StoreValues.NullableString(reader, 4),
        Verdict = StoreValues.NullableString(reader, 5),
        ExitCode = reader.IsDBNull(6) ? null : reader.GetInt32(6),
        Failures = StoreValues.FromJson<OpLogFailureRecord[]>(reader.GetString(7)),
        Decision = StoreValues.NullableString(reader, 8),
        Who = reader.IsDBNull(9) ? null : new Actor(reader.GetString(9), reader.GetString(10), reader.GetString(11)),
        OverrideId = reader.IsDBNull(12) ? null : reader.GetInt64(12),
        OverrideKind = StoreValues.NullableString(reader, 13),
        Role = StoreValues.NullableString(reader, 14),
        Ticket = StoreValues.NullableString(reader, 15),
        Reason = StoreValues.NullableString(reader, 16),
        Impact = StoreValues.NullableString(reader, 17),
        Mitigation = StoreValues.NullableString(reader, 18),
        Comment = StoreValues.NullableString(reader, 19),
        ConfigHash = StoreValues.NullableString(reader, 20),
        PrevHash = reader.GetString(21),
        Hash = reader.GetString(22),
        Signature = StoreValues.NullableString(reader, 23),
        Desk = EntryDesk(reader.GetString(24)),
    };
}
