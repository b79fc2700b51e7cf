using System.Data.Common;
using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>
/// Acknowledgements as rows of <c>healthgate_acknowledgements</c>: one per acknowledgement, never updated (the newest of
/// a check is the one in force), each with its desk and the seq of the log entry written in the same transaction.
/// </summary>
internal static class AcknowledgementTable
{
    private const string Columns = "id, check_name, by_id, by_name, by_kind, at, until_at, reason, seq";

    public static IReadOnlyList<string> SqliteStatements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS healthgate_acknowledgements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            desk TEXT NOT NULL DEFAULT 'default',
            check_name TEXT NOT NULL,
            by_id TEXT NOT NULL,
            by_name TEXT NOT NULL,
            by_kind TEXT NOT NULL,
            at INTEGER NOT NULL,
            until_at INTEGER NOT NULL,
            reason TEXT NOT NULL,
            seq INTEGER NOT NULL)
        """,
        Index,

        // Never changed: a newer acknowledgement replaces an older one's effect, and the log keeps both.
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_acknowledgements_no_update BEFORE UPDATE ON healthgate_acknowledgements
        BEGIN SELECT RAISE(ABORT, 'healthgate_acknowledgements is append-only'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_acknowledgements_no_delete BEFORE DELETE ON healthgate_acknowledgements
        BEGIN SELECT RAISE(ABORT, 'healthgate_acknowledgements is append-only'); END
        """,
    ];

    public static IReadOnlyList<string> PostgresStatements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS healthgate_acknowledgements (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            desk text NOT NULL DEFAULT 'default',
            check_name text NOT NULL,
            by_id text NOT NULL,
            by_name text NOT NULL,
            by_kind text NOT NULL,
            at timestamptz NOT NULL,
            until_at timestamptz NOT NULL,
            reason text NOT NULL,
            seq bigint NOT NULL)
        """,
        Index,

        // Never changed, with the op-log's trigger function (created earlier in the schema).
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'healthgate_acknowledgements_no_change' AND tgrelid = 'healthgate_acknowledgements'::regclass) THEN
                CREATE TRIGGER healthgate_acknowledgements_no_change BEFORE UPDATE OR DELETE ON healthgate_acknowledgements
                    FOR EACH ROW EXECUTE FUNCTION healthgate_op_log_append_only();
                CREATE TRIGGER healthgate_acknowledgements_no_truncate BEFORE TRUNCATE ON healthgate_acknowledgements
                    FOR EACH STATEMENT EXECUTE FUNCTION healthgate_op_log_append_only();
            END IF;
        END $$
        """,
    ];

    private const string Index = "CREATE INDEX IF NOT EXISTS healthgate_acknowledgements_desk_check_id ON healthgate_acknowledgements (desk, check_name, id)";

    public static DbCommand Insert(DbConnection connection, AcknowledgementRecord record, string desk, long seq, Func<DateTimeOffset, object> toDb)
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO healthgate_acknowledgements (desk, check_name, by_id, by_name, by_kind, at, until_at, reason, seq) "
            + "VALUES (@desk, @check_name, @by_id, @by_name, @by_kind, @at, @until_at, @reason, @seq) RETURNING id";
        (string, object?)[] parameters =
        [
            ("@desk", desk), ("@check_name", record.Check), ("@by_id", record.By.Id), ("@by_name", record.By.Name), ("@by_kind", record.By.Kind),
            ("@at", toDb(record.At)), ("@until_at", toDb(record.Until)), ("@reason", record.Reason), ("@seq", seq),
        ];
        foreach (var (name, value) in parameters)
        {
            StoreValues.AddParameter(command, name, value);
        }

        return command;
    }

    public const string SelectById = $"SELECT {Columns} FROM healthgate_acknowledgements WHERE desk = @desk AND id = @id";

    /// <summary>The newest row of each of the desk's checks, when it ends after <c>@now</c>.</summary>
    public const string SelectCurrent = $"SELECT {Columns} FROM healthgate_acknowledgements WHERE desk = @desk AND until_at > @now "
        + "AND id IN (SELECT MAX(id) FROM healthgate_acknowledgements WHERE desk = @desk GROUP BY check_name) ORDER BY id";

    public static AcknowledgementRecord Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTimestamp) => new()
    {
        Id = reader.GetInt64(0),
        Check = reader.GetString(1),
        By = new Actor(reader.GetString(2), reader.GetString(3), reader.GetString(4)),
        At = readTimestamp(reader, 5),
        Until = readTimestamp(reader, 6),
        Reason = reader.GetString(7),
        Seq = reader.GetInt64(8),
    };
}
