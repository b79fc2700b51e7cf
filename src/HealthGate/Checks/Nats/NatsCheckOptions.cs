using HealthGate.Checks.Probing;
using HealthGate.Configuration;
using NATS.Client.Core;

namespace HealthGate.Checks.Nats;

internal sealed class NatsCheckOptions : CheckOptions
{
    /// <summary><c>nats://[user:password@|token@]host:port</c>; the credentials in it are secrets.</summary>
    public string? Url { get; set; }

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require($"{key}:Url", Url);
        if (!string.IsNullOrWhiteSpace(Url) && TryParse(Url) is null)
        {
            errors.Add($"{key}:Url", "must be one absolute nats:// or tls:// URL with a host (nats://host:4222)");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url);

    /// <summary>Where the check connects, for descriptions: host and port, never the user info.</summary>
    internal string Target => TryParse(Url) is { } uri ? $"{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 4222 : uri.Port)}" : "?";

    /// <summary>
    /// The client's options for one run: its connect, request and command timeouts inside <see cref="CheckOptions.TimeoutMs"/>
    /// so the client ends a hung server by itself too, and no reconnect loop that could outlive the run.
    /// </summary>
    internal NatsOpts ToClientOptions()
    {
        var timeout = TimeSpan.FromMilliseconds(TimeoutMs);
        return NatsOpts.Default with
        {
            Url = Url!,
            Name = "healthgate",
            // Half the budget: the connect should end as "unreachable" or a client timeout before the engine gives up.
            ConnectTimeout = TimeSpan.FromMilliseconds(Math.Max(1, TimeoutMs / 2)),
            RequestTimeout = timeout,
            CommandTimeout = timeout,
            RetryOnInitialConnect = false,
            MaxReconnectRetry = 0,
        };
    }

    private static Uri? TryParse(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "nats" or "tls" && uri.Host.Length > 0
            && uri.AbsolutePath is "" or "/" && uri.Query.Length == 0
            ? uri
            : null;
}
