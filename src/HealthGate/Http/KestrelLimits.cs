using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthGate.Http;

internal static class KestrelLimits
{
    /// <summary>No endpoint takes more than a small JSON body; a larger one is a 413 before it is read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// Limits against slow, greedy or numerous clients: headers within 10 s, bodies at a minimum rate, at most 64 KB;
    /// at most <see cref="ConnectionBudget"/> connections at once, so clients can never take the descriptors the
    /// process needs (out of descriptors, the runtime cannot start a thread and aborts); and an accept loop that waits
    /// out a shortage instead of spinning. The gate sits in the path of every launch; no client may hold it.
    /// </summary>
    public static IWebHostBuilder UseHealthGateKestrelLimits(this IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        var budget = ConnectionBudget.For(DescriptorLimit.Read());
        webHost.ConfigureServices(services =>
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionListenerFactory, GuardedSocketTransportFactory>()));
        return webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MinRequestBodyDataRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxConcurrentConnections = budget.MaxConnections;
            // The gate serves no WebSocket or other upgraded protocol.
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
        });
    }
}
