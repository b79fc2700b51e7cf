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

    /// <summary>
    /// The connection string the client uses: connect, command and cancellation timeouts inside
    /// <see cref="CheckOptions.TimeoutMs"/>, so a hung server is bounded by Npgsql too, not only abandoned by the engine;
    /// a stricter value in the connection string stays.
    /// </summary>
    internal string ToClientConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        // Npgsql counts these two in whole seconds and reads 0 as no limit: at least 1 s, else the budget rounded down.
        var seconds = Math.Max(1, TimeoutMs / 1000);
        builder.Timeout = Stricter(builder.Timeout, seconds);
        builder.CommandTimeout = Stricter(builder.CommandTimeout, seconds);
        // -1 skips waiting for the server to confirm a cancellation; that is stricter than any bound.
        builder.CancellationTimeout = builder.CancellationTimeout == -1 ? -1 : Stricter(builder.CancellationTimeout, TimeoutMs);
        return builder.ConnectionString;
    }

    private static int Stricter(int configured, int bound) => configured is > 0 && configured < bound ? configured : bound;

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
