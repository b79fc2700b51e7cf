namespace HealthGate.Storage;

/// <summary>The SQLite schema, created idempotently at start. Timestamps are INTEGER Unix milliseconds (UTC).</summary>
internal static class SqliteSchema
{
    /// <summary>
    /// Columns added since their table first shipped, added to a store created before them (SQLite has no
    /// <c>ADD COLUMN IF NOT EXISTS</c>, so the store looks first). New stores have them from <see cref="Statements"/>.
    /// </summary>
    public static IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns { get; } =
    [
        ("healthgate_run_checks", "depends_on", "TEXT NOT NULL DEFAULT '[]'"),
        ("healthgate_run_checks", "blocked_by", "TEXT NOT NULL DEFAULT '[]'"),
    ];

    public static IReadOnlyList<string> Statements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS healthgate_runs (
            run_id TEXT NOT NULL PRIMARY KEY,
            mode TEXT NOT NULL,
            verdict TEXT NOT NULL,
            exit_code INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            duration_ms REAL NOT NULL,
            config_hash TEXT NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_runs_started_at ON healthgate_runs (started_at)",
        "CREATE INDEX IF NOT EXISTS healthgate_runs_mode_started_at ON healthgate_runs (mode, started_at)",
        """
        CREATE TABLE IF NOT EXISTS healthgate_run_checks (
            run_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            tier TEXT NOT NULL,
            status TEXT NOT NULL,
            duration_ms REAL NOT NULL,
            reason TEXT NOT NULL,
            description TEXT NOT NULL,
            data TEXT NOT NULL,
            depends_on TEXT NOT NULL DEFAULT '[]',
            blocked_by TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (run_id, ordinal))
        """,
        """
        CREATE TABLE IF NOT EXISTS healthgate_op_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recorded_at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            mode TEXT NOT NULL,
            run_id TEXT,
            verdict TEXT,
            exit_code INTEGER,
            failures TEXT NOT NULL,
            decision TEXT NOT NULL,
            operator_name TEXT,
            approvers TEXT NOT NULL,
            ticket TEXT,
            reason TEXT,
            api_key_name TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_op_log_kind_id ON healthgate_op_log (kind, id)",

        // One row, rewritten by the store probe: proof that an idle store still takes a durable write.
        """
        CREATE TABLE IF NOT EXISTS healthgate_store_probe (
            id INTEGER NOT NULL PRIMARY KEY,
            written_at INTEGER NOT NULL,
            written_by TEXT NOT NULL)
        """,

        // The log is append-only in the database too, not just in code.
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_op_log_no_update BEFORE UPDATE ON healthgate_op_log
        BEGIN SELECT RAISE(ABORT, 'healthgate_op_log is append-only'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_op_log_no_delete BEFORE DELETE ON healthgate_op_log
        BEGIN SELECT RAISE(ABORT, 'healthgate_op_log is append-only'); END
        """,
    ];
}
