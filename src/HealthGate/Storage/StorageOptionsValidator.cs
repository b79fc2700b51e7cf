using HealthGate.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HealthGate.Storage;

/// <summary>A known provider with a usable, durable connection string; positive retention, prune interval, write timeout and probe period.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        const string key = "HealthGate:Storage";
        errors.RequirePositive($"{key}:RetentionDays", options.RetentionDays);
        errors.RequirePositive($"{key}:PruneIntervalMinutes", options.PruneIntervalMinutes);
        errors.RequirePositive($"{key}:WriteTimeoutMs", options.WriteTimeoutMs);
        errors.RequirePositive($"{key}:ProbeSeconds", options.ProbeSeconds);
        if (options.IsPostgres)
        {
            errors.Require($"{key}:ConnectionString", options.ConnectionString);
            if (!string.IsNullOrWhiteSpace(options.ConnectionString) && !StorageOptions.IsValid(() => _ = new NpgsqlConnectionStringBuilder(options.ConnectionString)))
            {
                // The driver's message may quote the string, password included: name the key only.
                errors.Add($"{key}:ConnectionString", "is not a valid PostgreSQL connection string");
            }
        }
        else if (string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            ValidateSqlite($"{key}:ConnectionString", options, errors);
        }
        else
        {
            errors.Add($"{key}:Provider", $"unknown provider '{options.Provider}' (one of: {StorageOptions.Sqlite}, {StorageOptions.Postgres})");
        }

        return errors.Result();
    }

    private static void ValidateSqlite(string key, StorageOptions options, ConfigErrors errors)
    {
        SqliteConnectionStringBuilder? builder = null;
        if (!StorageOptions.IsValid(() => builder = new SqliteConnectionStringBuilder(options.EffectiveConnectionString)))
        {
            errors.Add(key, "is not a valid SQLite connection string");
        }
        else if (builder!.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly
            || string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource.Trim() == ":memory:")
        {
            // The operational log must survive a crash: an in-memory or read-only database cannot keep it.
            errors.Add(key, "must name a writable database file (in-memory and read-only databases are not durable)");
        }
    }
}
