using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

internal static class HealthGateSectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <c>HealthGate:{name}</c>, validated at start by
    /// <typeparamref name="TValidator"/> and by a strict-keys check that names every key the type does not have.
    /// </summary>
    public static OptionsBuilder<TOptions> AddHealthGateSection<TOptions, TValidator>(this IServiceCollection services, string name)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        var section = new HealthGateSection(name, typeof(TOptions));
        services.AddSingleton(section);
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton<IValidateOptions<TOptions>>(sp => new StrictKeysValidator<TOptions>(sp.GetRequiredService<IConfiguration>(), section));
        return services.AddOptions<TOptions>().BindConfiguration(section.Path).ValidateOnStart();
    }

    /// <summary>The root: only registered sections under <c>HealthGate</c>, so a misspelt section is named, not ignored.</summary>
    public static IServiceCollection AddHealthGateConfiguration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IValidateOptions<HealthGateRoot>, RootKeysValidator>();
        services.AddSingleton(sp => ConfigurationSources.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IValidateOptions<HealthGateRoot>, DeskRulesValidator>();
        services.AddOptions<HealthGateRoot>().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Runs every start-up validation now, before the host starts, so bad keys are reported by
    /// <see cref="StartupFailure"/> alone, all at once, and nothing has been built from a bad configuration.
    /// </summary>
    public static void ValidateHealthGateConfiguration(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetRequiredService<IStartupValidator>().Validate();
    }
}
