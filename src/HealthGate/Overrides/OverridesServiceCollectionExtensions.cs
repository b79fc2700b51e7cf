using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Metrics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthGate.Overrides;

internal static class OverridesServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateOverrides(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<AuthOptions, AuthOptionsValidator>(AuthOptions.SectionName);
        services.AddSingleton<ISecretSource>(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        services.AddSingleton<ApiKeyAuthenticator>();
        // No default scheme: only endpoints whose policy names ApiKey authenticate, so probes pay nothing for it.
        // A lone registered scheme would otherwise become the default and run on every request.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider, ReadPolicyProvider>();
        services.AddAuthorizationBuilder()
            .AddPolicy(OverridesApi.RecordPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddSingleton<OverrideRecorder>();
        services.AddHostedService<AuthStartupReport>();
        services.AddInstruments<OverrideMetrics>();
        services.AddSingleton<IOverrideObserver>(sp => sp.GetRequiredService<OverrideMetrics>());
        return services;
    }
}
