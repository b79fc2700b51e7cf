namespace HealthGate.Storage;

/// <summary>The PostgreSQL schema, created idempotently at start under an advisory lock (replicas start together).</summary>
internal static class PostgresSchema
{
    /// <summary>Serialises schema creation across replicas; the value is arbitrary but fixed ("HLTHGATE").</summary>
    public const long AdvisoryLockKey = 0x484C544847415445;

    /// <summary>Serialises the default desk's op-log appends across replicas (transaction-scoped); "HGOPLOG1".</summary>
    public const long OpLogLockKey = 0x48474F504C4F4731;

    /// <summary>
    /// The chain lock of <paramref name="desk"/>: the default desk keeps <see cref="OpLogLockKey"/> (a replica of an
    /// earlier version still queues with it during an upgrade); another desk's key is the first 8 bytes of a SHA-256
    /// of its name, stable across processes and versions (string.GetHashCode is not).
    /// </summary>
    public static long OpLogLockKeyOf(string desk) =>
        desk == Desks.DeskOptions.DefaultName
            ? OpLogLockKey
            : System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("healthgate/oplog/" + desk)));

    /// <summary>Every HealthGate table of the current schema, exclusively, in name order (none on a fresh database).</summary>
    public const string LockTables = """
        DO $$
        DECLARE t text;
        BEGIN
            FOR t IN SELECT quote_ident(tablename) FROM pg_tables
                     WHERE schemaname = current_schema() AND tablename LIKE 'healthgate\_%' ORDER BY tablename LOOP
                EXECUTE 'LOCK TABLE ' || t || ' IN ACCESS EXCLUSIVE MODE';
            END LOOP;
        END $$
        """;

    public static IReadOnlyList<string> Statements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS healthgate_runs (
            desk text NOT NULL DEFAULT 'default',
            run_id text NOT NULL PRIMARY KEY,
            mode text NOT NULL,
            verdict text NOT NULL,
            exit_code integer NOT NULL,
            started_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            duration_ms double precision NOT NULL,
            config_hash text NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_runs_started_at ON healthgate_runs (started_at)",
        "CREATE INDEX IF NOT EXISTS healthgate_runs_mode_started_at ON healthgate_runs (mode, started_at)",
        """
        CREATE TABLE IF NOT EXISTS healthgate_run_checks (
            run_id text NOT NULL,
            ordinal integer NOT NULL,
            name text NOT NULL,
            type text NOT NULL,
            tier text NOT NULL,
            status text NOT NULL,
            duration_ms double precision NOT NULL,
            reason text NOT NULL,
            description text NOT NULL,
            data text NOT NULL,
            depends_on text NOT NULL DEFAULT '[]',
            blocked_by text NOT NULL DEFAULT '[]',
            PRIMARY KEY (run_id, ordinal))
        """,

        // Columns added since the table first shipped: a store created before them gains them here.
        "ALTER TABLE healthgate_run_checks ADD COLUMN IF NOT EXISTS depends_on text NOT NULL DEFAULT '[]'",
        "ALTER TABLE healthgate_run_checks ADD COLUMN IF NOT EXISTS blocked_by text NOT NULL DEFAULT '[]'",
        """
        CREATE TABLE IF NOT EXISTS healthgate_op_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            recorded_at timestamptz NOT NULL,
            kind text NOT NULL,
            mode text NOT NULL,
            run_id text,
            verdict text,
            exit_code integer,
            failures text NOT NULL,
            decision text NOT NULL,
            operator_name text,
            approvers text NOT NULL,
            ticket text,
            reason text,
            api_key_name text)
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_op_log_kind_id ON healthgate_op_log (kind, id)",

        // The operational log, hash-chained (OpLogChain): seq is assigned under the chain's lock, so it has no gap.
        """
        CREATE TABLE IF NOT EXISTS healthgate_oplog (
            desk text NOT NULL DEFAULT 'default',
            seq bigint NOT NULL,
            at timestamptz NOT NULL,
            kind text NOT NULL,
            mode text NOT NULL,
            run_id text,
            verdict text,
            exit_code integer,
            failures text NOT NULL,
            decision text,
            who_id text,
            who_name text,
            who_kind text,
            override_id bigint,
            override_kind text,
            role text,
            ticket text,
            reason text,
            impact text,
            mitigation text,
            comment text,
            config_hash text,
            prev_hash text NOT NULL,
            hash text NOT NULL,
            signature text,
            PRIMARY KEY (desk, seq))
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_kind_seq ON healthgate_oplog (kind, seq)",
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_at ON healthgate_oplog (at)",
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_run_id ON healthgate_oplog (run_id)",
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_override_id ON healthgate_oplog (override_id)",
        """
        CREATE TABLE IF NOT EXISTS healthgate_overrides (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            desk text NOT NULL DEFAULT 'default',
            kind text NOT NULL,
            mode text NOT NULL,
            run_id text,
            config_hash text NOT NULL,
            state text NOT NULL,
            requested_by_id text NOT NULL,
            requested_by_name text NOT NULL,
            requested_by_kind text NOT NULL,
            requested_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            reason text,
            ticket text,
            impact text,
            mitigation text,
            required text NOT NULL,
            used_at timestamptz,
            used_by_id text,
            used_by_name text,
            used_by_kind text,
            used_for_run_id text)
        """,
        "CREATE INDEX IF NOT EXISTS healthgate_overrides_state_id ON healthgate_overrides (state, id)",
        """
        CREATE TABLE IF NOT EXISTS healthgate_override_approvals (
            override_id bigint NOT NULL,
            person_id text NOT NULL,
            person_name text NOT NULL,
            role text,
            decision text NOT NULL,
            comment text,
            at timestamptz NOT NULL,
            decided_seq bigint NOT NULL,
            PRIMARY KEY (override_id, person_id))
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS healthgate_override_approvals_role ON healthgate_override_approvals (override_id, role) WHERE role IS NOT NULL",

        // One row, rewritten by the store probe: proof that an idle store still takes a durable write.
        """
        CREATE TABLE IF NOT EXISTS healthgate_store_probe (
            id integer NOT NULL PRIMARY KEY,
            written_at timestamptz NOT NULL,
            written_by text NOT NULL)
        """,

        // The desk leader's latest background readiness run, served by the other replicas (Leadership).
        """
        CREATE TABLE IF NOT EXISTS healthgate_readiness (
            desk text NOT NULL PRIMARY KEY,
            started_at timestamptz NOT NULL,
            checks text NOT NULL,
            checked_at timestamptz NOT NULL,
            written_by text NOT NULL)
        """,

        // A desk's latest preflight per mode and its run cap, shared by its replicas (Replication/DeskCoalescing).
        """
        CREATE TABLE IF NOT EXISTS healthgate_run_flights (
            desk text NOT NULL,
            mode text NOT NULL,
            run_id text NOT NULL,
            config_hash text NOT NULL,
            starts_at timestamptz NOT NULL,
            cap_at timestamptz NOT NULL,
            PRIMARY KEY (desk, mode))
        """,

        // The log is append-only in the database too, not just in code (TRUNCATE skips row triggers, so it has its own).
        """
        CREATE OR REPLACE FUNCTION healthgate_op_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
        END $$
        """,
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'healthgate_op_log_no_change' AND tgrelid = 'healthgate_op_log'::regclass) THEN
                CREATE TRIGGER healthgate_op_log_no_change BEFORE UPDATE OR DELETE ON healthgate_op_log
                    FOR EACH ROW EXECUTE FUNCTION healthgate_op_log_append_only();
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'healthgate_op_log_no_truncate' AND tgrelid = 'healthgate_op_log'::regclass) THEN
                CREATE TRIGGER healthgate_op_log_no_truncate BEFORE TRUNCATE ON healthgate_op_log
                    FOR EACH STATEMENT EXECUTE FUNCTION healthgate_op_log_append_only();
            END IF;
        END $$
        """,
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'healthgate_oplog_no_change' AND tgrelid = 'healthgate_oplog'::regclass) THEN
                CREATE TRIGGER healthgate_oplog_no_change BEFORE UPDATE OR DELETE ON healthgate_oplog
                    FOR EACH ROW EXECUTE FUNCTION healthgate_op_log_append_only();
                CREATE TRIGGER healthgate_oplog_no_truncate BEFORE TRUNCATE ON healthgate_oplog
                    FOR EACH STATEMENT EXECUTE FUNCTION healthgate_op_log_append_only();
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'healthgate_override_approvals_no_change' AND tgrelid = 'healthgate_override_approvals'::regclass) THEN
                CREATE TRIGGER healthgate_override_approvals_no_change BEFORE UPDATE OR DELETE ON healthgate_override_approvals
                    FOR EACH ROW EXECUTE FUNCTION healthgate_op_log_append_only();
                CREATE TRIGGER healthgate_override_approvals_no_truncate BEFORE TRUNCATE ON healthgate_override_approvals
                    FOR EACH STATEMENT EXECUTE FUNCTION healthgate_op_log_append_only();
            END IF;
        END $$
        """,

        // Desks: a store made before them is the default desk's. Each desk's log is its own chain (seq 1, 2, 3…), so the
        // log's key is (desk, seq); a store keyed on seq alone is re-keyed once (no row is updated, so no trigger fires).
        "ALTER TABLE healthgate_runs ADD COLUMN IF NOT EXISTS desk text NOT NULL DEFAULT 'default'",
        "ALTER TABLE healthgate_oplog ADD COLUMN IF NOT EXISTS desk text NOT NULL DEFAULT 'default'",
        "ALTER TABLE healthgate_overrides ADD COLUMN IF NOT EXISTS desk text NOT NULL DEFAULT 'default'",
        """
        DO $$
        DECLARE
            seq_key name;
        BEGIN
            SELECT conname INTO seq_key FROM pg_constraint
                WHERE conrelid = 'healthgate_oplog'::regclass AND contype = 'p' AND array_length(conkey, 1) = 1;
            IF seq_key IS NOT NULL THEN
                EXECUTE format('ALTER TABLE healthgate_oplog DROP CONSTRAINT %I', seq_key);
                ALTER TABLE healthgate_oplog ADD PRIMARY KEY (desk, seq);
            END IF;
        END $$
        """,
        .. DeskSchema.Indexes,
        .. AcknowledgementTable.PostgresStatements,
        .. OutboxTable.PostgresStatements,
    ];
}
