namespace HealthGate.Http;

internal static class KestrelLimits
{
    /// <summary>No endpoint takes more than a small JSON body; a larger one is a 413 before it is read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// Limits against slow or greedy clients: headers within 10 s, bodies at a minimum rate, at most 64 KB. The gate
    /// sits in the path of every launch; a client trickling bytes must not hold its connections.
    /// </summary>
    public static IWebHostBuilder UseHealthGateKestrelLimits(this IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        return webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MinRequestBodyDataRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
    }
}
