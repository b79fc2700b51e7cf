using HealthGate.Checks.Clock;
using HealthGate.Checks.Postgres;
using HealthGate.Checks.Probing;
using HealthGate.Checks.Redis;
using HealthGate.Configuration;
using HealthGate.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Checks;

internal static class ChecksServiceCollectionExtensions
{
    /// <summary>
    /// Registers every configured check as an ASP.NET Core health check tagged with its tier and type, plus the
    /// engine that runs them. Checks added in code with a tier tag join the same modes.
    /// </summary>
    public static IServiceCollection AddHealthGateChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthChecks();
        services.AddSingleton(sp => CheckCatalog.Load(sp.GetRequiredService<IConfiguration>(), BuiltInCheckTypes.All));
        services.AddOptions<HealthCheckServiceOptions>().Configure<CheckCatalog>((options, catalog) =>
        {
            foreach (var definition in catalog.Definitions)
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    definition.Name,
                    sp => definition.Type.Create(sp, definition.Options),
                    HealthStatus.Unhealthy,
                    [definition.Tier.ToString(), definition.Type.Name, .. definition.Options.Tags],
                    TimeSpan.FromMilliseconds(definition.Options.TimeoutMs)));
            }
        });

        // Clients are built once and shared by every run: pooled connections, one multiplexer per target.
        services.AddSingleton<PostgresDataSources>();
        services.AddSingleton<RedisConnections>();
        services.AddSingleton<IKernelClock, LinuxKernelClock>();
        services.AddHttpClient(HttpProbe.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = CheckConnections.ConnectAsync,
            });
        services.AddSingleton<HttpProbe>();

        services.AddSingleton<GateChecks>();
        services.AddSingleton(new HealthGateSection("Checks", OptionsType: null));
        services.AddSingleton<IValidateOptions<ChecksOptions>, ChecksOptionsValidator>();
        services.AddOptions<ChecksOptions>().ValidateOnStart();

        // One redactor that knows every secret the service holds: each feature adds its own source.
        services.AddSingleton<ISecretSource>(sp => sp.GetRequiredService<CheckCatalog>());
        services.AddSingleton(sp => new SecretRedactor(sp.GetServices<ISecretSource>().SelectMany(s => s.Secrets())));
        services.AddSingleton<CheckRunner>();
        return services;
    }
}
