using HealthGate.Configuration;
using HealthGate.Secrets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>Recording an override needs a configured API key (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public const string RecordPolicy = "RecordOverride";

    /// <summary>The <c>Auth</c> section, the <c>ApiKey</c> scheme and the policies that guard Overrides, History and Dashboard.</summary>
    public static IServiceCollection AddHealthGateAuth(this IServiceCollection services)
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
            .AddPolicy(RecordPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddHostedService<AuthStartupReport>();
        return services;
    }
}
