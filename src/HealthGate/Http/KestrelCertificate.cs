namespace HealthGate.Http;

internal static class KestrelCertificate
{
    /// <summary>
    /// Serves a file-based default certificate (<c>Kestrel:Certificates:Default:Path</c>) renewed without a restart:
    /// cert-manager renews the admission webhook's certificate in the Secret the Deployment mounts, and a gate that kept
    /// the old one would have the API server refuse every labelled rollout once it expired.
    /// </summary>
    public static IWebHostBuilder UseRenewedDefaultCertificate(this IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        return webHost.ConfigureKestrel((context, kestrel) =>
        {
            var certificate = context.Configuration.GetSection("Kestrel:Certificates:Default");
            if (certificate["Path"] is { Length: > 0 } path && certificate["Store"] is null)
            {
                var renewed = new RenewedCertificate(
                    path,
                    certificate["KeyPath"] is { Length: > 0 } keyPath ? keyPath : null,
                    certificate["Password"],
                    kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<RenewedCertificate>());
                kestrel.ConfigureHttpsDefaults(https => https.OnAuthenticate = (_, ssl) =>
                {
                    if (renewed.Current() is { } current)
                    {
                        ssl.ServerCertificateContext = current;
                    }
                });
            }
        });
    }
}
