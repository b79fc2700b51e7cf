namespace HealthGate.Storage;

/// <summary>
/// The notification tables: <c>healthgate_notify_state</c> (one row per desk and subject) and
/// <c>healthgate_outbox</c> (one row per message and target, unique by desk, target and dedup key). Both providers
/// take the same statements apart from the column types in the schema.
/// </summary>
internal static class OutboxTable
{
    public static IReadOnlyList<string> SqliteStatements { get; } = Schema("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "TEXT");

    public static IReadOnlyList<string> PostgresStatements { get; } = Schema("bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "timestamptz", "text");

    public const string SelectStates = "SELECT subject, open, version, since, notified_at, detail FROM healthgate_notify_state WHERE desk = @desk";

    public const string InsertState = "INSERT INTO healthgate_notify_state (desk, subject, open, version, since, notified_at, detail) "
        + "VALUES (@desk, @subject, @open, @version, @since, @notified_at, @detail) ON CONFLICT (desk, subject) DO NOTHING";

    public const string UpdateState = "UPDATE healthgate_notify_state SET open = @open, version = @version, since = @since, notified_at = @notified_at, "
        + "detail = @detail WHERE desk = @desk AND subject = @subject AND version = @expected";

    public const string Insert = "INSERT INTO healthgate_outbox (desk, target, dedup_key, payload, created_at, next_at, attempts) "
        + "VALUES (@desk, @target, @dedup_key, @payload, @now, @now, 0) ON CONFLICT (desk, target, dedup_key) DO NOTHING";

    /// <summary>Per target only its oldest undelivered message: a target gets its messages in order, a resolve never before its trigger.</summary>
    public const string SelectHeads = "SELECT id, target, dedup_key, payload, attempts, created_at, next_at FROM healthgate_outbox o "
        + "WHERE desk = @desk AND delivered_at IS NULL AND next_at <= @now AND id = (SELECT MIN(id) FROM healthgate_outbox h "
        + "WHERE h.desk = o.desk AND h.target = o.target AND h.delivered_at IS NULL) ORDER BY id LIMIT 100";

    /// <summary>Claims a head only if nobody claimed it since it was read (its <c>next_at</c> unchanged).</summary>
    public const string Claim = "UPDATE healthgate_outbox SET next_at = @lease, attempts = attempts + 1 "
        + "WHERE id = @id AND desk = @desk AND next_at = @seen AND delivered_at IS NULL";

    public const string Complete = "UPDATE healthgate_outbox SET delivered_at = @at, outcome = @outcome, last_error = NULL WHERE id = @id AND desk = @desk";

    public const string Retry = "UPDATE healthgate_outbox SET next_at = @next_at, last_error = @error WHERE id = @id AND desk = @desk AND delivered_at IS NULL";

    public const string Prune = "DELETE FROM healthgate_outbox WHERE desk = @desk AND delivered_at IS NOT NULL AND delivered_at < @cutoff";

    private static string[] Schema(string id, string timestamp, string text) =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS healthgate_notify_state (
            desk {text} NOT NULL,
            subject {text} NOT NULL,
            open integer NOT NULL,
            version bigint NOT NULL,
            since {timestamp} NOT NULL,
            notified_at {timestamp} NOT NULL,
            detail {text} NOT NULL,
            PRIMARY KEY (desk, subject)
        )
        """,
        $"""
        CREATE TABLE IF NOT EXISTS healthgate_outbox (
            id {id},
            desk {text} NOT NULL,
            target {text} NOT NULL,
            dedup_key {text} NOT NULL,
            payload {text} NOT NULL,
            created_at {timestamp} NOT NULL,
            next_at {timestamp} NOT NULL,
            attempts integer NOT NULL,
            delivered_at {timestamp},
            outcome {text},
            last_error {text},
            UNIQUE (desk, target, dedup_key)
        )
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_outbox_pending ON healthgate_outbox (desk, target, id) WHERE delivered_at IS NULL",
        "CREATE INDEX IF NOT EXISTS healthgate_outbox_delivered ON healthgate_outbox (desk, delivered_at) WHERE delivered_at IS NOT NULL",
    ];
}
