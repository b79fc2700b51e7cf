using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

internal static class ConfigurationServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HealthGateOptions>().BindConfiguration(HealthGateOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<HealthGateOptions>, HealthGateOptionsDefaults>();
        services.AddSingleton<IValidateOptions<HealthGateOptions>, HealthGateOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new UtcTimestampConverter());

            // A request naming a field twice (two "approvers") has no one meaning: a 400, not last-wins.
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
        return services;
    }

    /// <summary>
    /// Validates before the host starts, so a bad key is reported by <see cref="StartupFailure"/> alone rather than
    /// also by the host's own failure log with its stack trace. ValidateOnStart stays as the backstop.
    /// </summary>
    public static void ValidateHealthGateOptions(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetRequiredService<IOptions<HealthGateOptions>>().Value;
    }
}
