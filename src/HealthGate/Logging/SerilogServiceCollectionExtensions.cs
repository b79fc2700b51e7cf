using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Settings.Configuration;

namespace HealthGate.Logging;

internal static class SerilogServiceCollectionExtensions
{
    public const string SectionName = "Serilog";

    /// <summary>
    /// Serilog as the logging pipeline, configured from the <c>Serilog</c> section (JSON lines in production, readable
    /// text in development). Without that section Serilog's console sink with its default template stands in, so
    /// logs never vanish.
    /// </summary>
    public static IServiceCollection AddHealthGateSerilog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Serilog's sinks replace the default providers; left in place, the console provider would print each event twice.
        services.RemoveAll<ILoggerProvider>();
        services.AddSerilog(
            (provider, logger) => Configure(logger, provider.GetRequiredService<IConfiguration>()),
            // Each host keeps its own logger: hosts in one process (tests) must not write through each other's.
            preserveStaticLogger: true,
            // Providers a host adds (a test's capture, an agent's) still receive every event.
            writeToProviders: true);
        return services;
    }

    private static void Configure(LoggerConfiguration logger, IConfiguration configuration)
    {
        logger.Filter.With(new HostStartupFaultFilter());
        var section = configuration.GetSection(SectionName);
        if (!section.Exists())
        {
            logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
            return;
        }

        // Named assemblies rather than a dependency-context scan, which misses sinks in test hosts and trimmed builds.
        var readerOptions = new ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(FileLoggerConfigurationExtensions).Assembly)
        {
            SectionName = SectionName,
        };
        logger.ReadFrom.Configuration(configuration, readerOptions);
    }
}
