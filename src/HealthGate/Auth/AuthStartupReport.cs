namespace HealthGate.Auth;

/// <summary>Says at start, once, when the override endpoint is closed for want of a key or a configured key is the published sample.</summary>
internal sealed class AuthStartupReport(ApiKeyAuthenticator authenticator, ILogger<AuthStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (authenticator.IsClosed)
        {
            AuthLog.Closed(logger);
        }

        foreach (var name in authenticator.SampleKeyNames)
        {
            AuthLog.SampleKeyIgnored(logger, name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
