using HealthGate.Configuration;
using StackExchange.Redis;

namespace HealthGate.Checks.Redis;

internal sealed class RedisCheckOptions : CheckOptions
{
    public string? ConnectionString { get; set; }

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require($"{key}:ConnectionString", ConnectionString);
        if (!string.IsNullOrWhiteSpace(ConnectionString) && TryParse(ConnectionString) is null)
        {
            errors.Add($"{key}:ConnectionString", "is not a valid Redis connection string (host:port[,option=value...])");
        }
    }

    public override IEnumerable<string> Secrets() =>
        TryParse(ConnectionString)?.Password is { Length: > 0 } password ? [password] : [];

    /// <summary>
    /// The client's options, its timeouts inside <see cref="CheckOptions.TimeoutMs"/> so that a hung server is bounded
    /// by the client too, not only abandoned by the engine; a stricter value in the connection string stays.
    /// </summary>
    internal ConfigurationOptions ToClientOptions()
    {
        var options = TryParse(ConnectionString) ?? throw new InvalidOperationException("invalid Redis connection string");
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 1;
        // Half the budget: the first check waits for this attempt, and should hear "unreachable" before the engine's timeout.
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, Math.Max(1, TimeoutMs / 2));
        options.SyncTimeout = Math.Min(options.SyncTimeout, TimeoutMs);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, TimeoutMs);
        return options;
    }

    internal static ConfigurationOptions? TryParse(string? connectionString)
    {
        try
        {
            var parsed = ConfigurationOptions.Parse(connectionString ?? "");
            return parsed.EndPoints.Count > 0 ? parsed : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
