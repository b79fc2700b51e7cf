using HealthGate.Configuration;
using Npgsql;

namespace HealthGate.Checks.Postgres;

internal sealed class PostgresCheckOptions : CheckOptions
{
    public string? ConnectionString { get; set; }

    public string Query { get; set; } = "SELECT 1";

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require($"{key}:ConnectionString", ConnectionString);
        errors.Require($"{key}:Query", Query);
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(ConnectionString);
            }
            catch (ArgumentException)
            {
                // The driver's message may quote the string; name the key only.
                errors.Add($"{key}:ConnectionString", "is not a valid PostgreSQL connection string");
            }
        }
    }

    public override IEnumerable<string> Secrets()
    {
        string? password = null;
        try
        {
            password = new NpgsqlConnectionStringBuilder(ConnectionString).Password;
        }
        catch (ArgumentException)
        {
        }

        return password is null ? [] : [password];
    }
}
