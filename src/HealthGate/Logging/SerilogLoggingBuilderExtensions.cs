using Serilog;
using Serilog.Settings.Configuration;

namespace HealthGate.Logging;

internal static class SerilogLoggingBuilderExtensions
{
    public const string SectionName = "Serilog";

    /// <summary>
    /// Replaces the default providers by Serilog configured from the <c>Serilog</c> section (JSON lines in production,
    /// readable text in development). Without that section the default providers stay, so logs never vanish.
    /// </summary>
    public static ILoggingBuilder AddHealthGateSerilog(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetSection(SectionName).Exists())
        {
            return logging;
        }

        // Named assemblies rather than a dependency-context scan, which misses sinks in test hosts and trimmed builds.
        var readerOptions = new ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(FileLoggerConfigurationExtensions).Assembly)
        {
            SectionName = SectionName,
            AllowInternalTypes = true, // our formatters are internal, like everything else here
        };
        var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration, readerOptions).CreateLogger();
        logging.ClearProviders();
        return logging.AddSerilog(logger, dispose: true);
    }
}
