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
