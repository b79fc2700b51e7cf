using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealthGate.Storage;

/// <summary><c>HealthGate:Storage</c>: where run history and the operational log live, and how long runs are kept.</summary>
internal sealed class StorageOptions : HealthGate.Secrets.ISecretSource
{
    public const string SectionName = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string DefaultSqliteConnectionString = "Data Source=data/healthgate.db";

    /// <summary><c>sqlite</c> (embedded, one replica) or <c>postgres</c> (shared by every replica).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Unset means <see cref="DefaultSqliteConnectionString"/> for SQLite; PostgreSQL requires one.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Preflight runs older than this are pruned; the operational log is never pruned.</summary>
    public int RetentionDays { get; set; } = 30;

    public int PruneIntervalMinutes { get; set; } = 60;

    /// <summary>A write (a run, an operational log entry, the probe) not done by then has failed: nothing waits on a hung store.</summary>
    public int WriteTimeoutMs { get; set; } = 5000;

    /// <summary>How often the store is proven writable by a one-row write when nothing else has written (<c>/health/self</c>).</summary>
    public int ProbeSeconds { get; set; } = 10;

    public TimeSpan WriteTimeout => TimeSpan.FromMilliseconds(WriteTimeoutMs);

    public TimeSpan ProbePeriod => TimeSpan.FromSeconds(ProbeSeconds);

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public string EffectiveConnectionString => string.IsNullOrWhiteSpace(ConnectionString) && !IsPostgres
        ? DefaultSqliteConnectionString
        : ConnectionString ?? "";

    /// <summary>The store's password, which must not appear in a log line or a response.</summary>
    public IEnumerable<string> Secrets()
    {
        NpgsqlConnectionStringBuilder? builder = null;
        return IsPostgres && IsValid(() => builder = new NpgsqlConnectionStringBuilder(ConnectionString)) && !string.IsNullOrEmpty(builder!.Password)
            ? [builder.Password]
            : [];
    }

    /// <summary>Where the store is, for log lines: a file path or host/database, never credentials.</summary>
    public string Describe()
    {
        if (IsPostgres)
        {
            NpgsqlConnectionStringBuilder? builder = null;
            return IsValid(() => builder = new NpgsqlConnectionStringBuilder(ConnectionString))
                ? $"{builder!.Host}:{builder.Port}/{builder.Database}"
                : "(invalid connection string)";
        }

        SqliteConnectionStringBuilder? sqlite = null;
        return IsValid(() => sqlite = new SqliteConnectionStringBuilder(EffectiveConnectionString)) ? Path.GetFullPath(sqlite!.DataSource) : "(invalid connection string)";
    }

    internal static bool IsValid(Action parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
