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
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new UtcTimestampConverter()));
        return services;
    }
}
