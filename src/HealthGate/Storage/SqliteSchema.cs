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
        ("healthgate_runs", "desk", "TEXT NOT NULL DEFAULT 'default'"),
        ("healthgate_overrides", "desk", "TEXT NOT NULL DEFAULT 'default'"),
    ];

    /// <summary>
    /// The operational log's table: each desk's log is its own chain (seq 1, 2, 3…), so it is keyed on (desk, seq).
    /// A store made before desks keyed it on seq alone, which SQLite cannot alter: <see cref="OpLogByDesk"/> rebuilds it.
    /// </summary>
    private const string OpLogDefinition = """
        (
            desk TEXT NOT NULL DEFAULT 'default',
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            mode TEXT NOT NULL,
            run_id TEXT,
            verdict TEXT,
            exit_code INTEGER,
            failures TEXT NOT NULL,
            decision TEXT,
            who_id TEXT,
            who_name TEXT,
            who_kind TEXT,
            override_id INTEGER,
            override_kind TEXT,
            role TEXT,
            ticket TEXT,
            reason TEXT,
            impact TEXT,
            mitigation TEXT,
            comment TEXT,
            config_hash TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            signature TEXT,
            PRIMARY KEY (desk, seq))
        """;

    /// <summary>
    /// Re-keys a log made before desks, in the schema's transaction: a new table, every entry copied as the default
    /// desk's, the old one dropped (a DROP fires no row trigger) and the new one renamed; <see cref="Statements"/> then
    /// recreate its indexes and append-only triggers, which went with the old table.
    /// </summary>
    public static IReadOnlyList<string> OpLogByDesk { get; } =
    [
        "CREATE TABLE healthgate_oplog_by_desk " + OpLogDefinition,
        $"INSERT INTO healthgate_oplog_by_desk (desk, {OpLogTable.Columns}) SELECT 'default', {OpLogTable.Columns} FROM healthgate_oplog",
        "DROP TABLE healthgate_oplog",
        "ALTER TABLE healthgate_oplog_by_desk RENAME TO healthgate_oplog",
    ];

    public static IReadOnlyList<string> Statements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS healthgate_runs (
            desk TEXT NOT NULL DEFAULT 'default',
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

        // The operational log, hash-chained (OpLogChain): seq is assigned under the chain's lock, so it has no gap.
        "CREATE TABLE IF NOT EXISTS healthgate_oplog " + OpLogDefinition,
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_kind_seq ON healthgate_oplog (kind, seq)",
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_at ON healthgate_oplog (at)",
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_run_id ON healthgate_oplog (run_id)",
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_override_id ON healthgate_oplog (override_id)",
        """
        CREATE TABLE IF NOT EXISTS healthgate_overrides (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            desk TEXT NOT NULL DEFAULT 'default',
            kind TEXT NOT NULL,
            mode TEXT NOT NULL,
            run_id TEXT,
            config_hash TEXT NOT NULL,
            state TEXT NOT NULL,
            requested_by_id TEXT NOT NULL,
            requested_by_name TEXT NOT NULL,
            requested_by_kind TEXT NOT NULL,
            requested_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            reason TEXT,
            ticket TEXT,
            impact TEXT,
            mitigation TEXT,
            required TEXT NOT NULL,
            used_at INTEGER,
            used_by_id TEXT,
            used_by_name TEXT,
            used_by_kind TEXT,
            used_for_run_id TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_overrides_state_id ON healthgate_overrides (state, id)",
        """
        CREATE TABLE IF NOT EXISTS healthgate_override_approvals (
            override_id INTEGER NOT NULL,
            person_id TEXT NOT NULL,
            person_name TEXT NOT NULL,
            role TEXT,
            decision TEXT NOT NULL,
            comment TEXT,
            at INTEGER NOT NULL,
            decided_seq INTEGER NOT NULL,
            PRIMARY KEY (override_id, person_id))
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS healthgate_override_approvals_role ON healthgate_override_approvals (override_id, role) WHERE role IS NOT NULL",

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
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_oplog_no_update BEFORE UPDATE ON healthgate_oplog
        BEGIN SELECT RAISE(ABORT, 'healthgate_oplog is append-only'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_oplog_no_delete BEFORE DELETE ON healthgate_oplog
        BEGIN SELECT RAISE(ABORT, 'healthgate_oplog is append-only'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_override_approvals_no_update BEFORE UPDATE ON healthgate_override_approvals
        BEGIN SELECT RAISE(ABORT, 'healthgate_override_approvals is append-only'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS healthgate_override_approvals_no_delete BEFORE DELETE ON healthgate_override_approvals
        BEGIN SELECT RAISE(ABORT, 'healthgate_override_approvals is append-only'); END
        """,
        .. AcknowledgementTable.SqliteStatements,
        .. OutboxTable.SqliteStatements,
    ];
}
