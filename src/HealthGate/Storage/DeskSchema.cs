namespace HealthGate.Storage;

/// <summary>
/// What desks add to either provider's schema once every table has its <c>desk</c> column: the indexes every read
/// starts from (each read filters on its desk first). Both providers take the same statements.
/// </summary>
internal static class DeskSchema
{
    public static IReadOnlyList<string> Indexes { get; } =
    [
        "CREATE INDEX IF NOT EXISTS healthgate_runs_desk_started_at ON healthgate_runs (desk, started_at)",
        "CREATE INDEX IF NOT EXISTS healthgate_runs_desk_mode_started_at ON healthgate_runs (desk, mode, started_at)",
        "CREATE INDEX IF NOT EXISTS healthgate_oplog_desk_kind_seq ON healthgate_oplog (desk, kind, seq)",
        "CREATE INDEX IF NOT EXISTS healthgate_overrides_desk_id ON healthgate_overrides (desk, id)",
        "CREATE INDEX IF NOT EXISTS healthgate_overrides_desk_state_id ON healthgate_overrides (desk, state, id)",
    ];
}
