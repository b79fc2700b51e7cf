using HealthGate.Checks.Probing;
using HealthGate.Configuration;
using RabbitMQ.Client;

namespace HealthGate.Checks.Rabbitmq;

internal sealed class RabbitmqCheckOptions : CheckOptions
{
    /// <summary>An AMQP URI, <c>amqp://user:password@host:5672/vhost</c> (or <c>amqps://</c>); its password is a secret.</summary>
    public string? ConnectionString { get; set; }

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require($"{key}:ConnectionString", ConnectionString);
        if (!string.IsNullOrWhiteSpace(ConnectionString) && TryParse(ConnectionString) is null)
        {
            errors.Add($"{key}:ConnectionString", "must be an AMQP URI (amqp://user:password@host:5672/vhost, or amqps://)");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(ConnectionString);

    /// <summary>Where the check connects, for descriptions: host, port and virtual host, never the user info.</summary>
    internal string Target => TryParse(ConnectionString) is { } factory ? $"{factory.HostName}:{factory.Port} vhost {factory.VirtualHost}" : "?";

    /// <summary>
    /// A factory for one run's connection: every client timeout inside <see cref="CheckOptions.TimeoutMs"/>, so a hung
    /// broker is ended by the client too, and no automatic recovery, which would keep a connection trying after the run.
    /// </summary>
    internal ConnectionFactory ToFactory()
    {
        var factory = TryParse(ConnectionString) ?? throw new InvalidOperationException("invalid AMQP URI");
        var timeout = TimeSpan.FromMilliseconds(TimeoutMs);
        // Half the budget for the TCP connect: a dead host should be "unreachable" before the engine's timeout.
        factory.RequestedConnectionTimeout = TimeSpan.FromMilliseconds(Math.Max(1, TimeoutMs / 2));
        factory.HandshakeContinuationTimeout = timeout;
        factory.ContinuationTimeout = timeout;
        factory.SocketReadTimeout = timeout;
        factory.SocketWriteTimeout = timeout;
        factory.AutomaticRecoveryEnabled = false;
        factory.TopologyRecoveryEnabled = false;
        factory.ClientProvidedName = "healthgate";
        return factory;
    }

    private static ConnectionFactory? TryParse(string? connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
        {
            return null;
        }

        try
        {
            return new ConnectionFactory { Uri = uri };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
