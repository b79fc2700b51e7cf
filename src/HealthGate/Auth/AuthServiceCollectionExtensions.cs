using HealthGate.Configuration;
using HealthGate.Secrets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>Writing an override needs a configured person or service key: an API key or a person's bearer token.</summary>
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
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null)
            .AddJwtPeople();
        RemoveDataProtectionStartup(services);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider, ReadPolicyProvider>();
        services.AddAuthorizationBuilder()
            .AddPolicy(RecordPolicy, policy => policy.AddAuthenticationSchemes(JwtPeople.SchemeName).RequireAuthenticatedUser());
        services.AddHostedService<AuthStartupReport>();
        return services;
    }

    /// <summary>
    /// <c>AddAuthentication</c> registers Data Protection, whose hosted service reads (and on a first start writes) a
    /// key ring at start: it loads the XML stack and cryptography for nothing, as no gate code protects data (API keys
    /// are compared, not encrypted; there are no cookies). Without the hosted service a key ring would still be built
    /// on first use, so removing it changes only when, never whether. Measured: docs/performance.md.
    /// </summary>
    internal static void RemoveDataProtectionStartup(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService)
                && services[i].ImplementationType?.FullName == DataProtectionHostedService)
            {
                services.RemoveAt(i);
            }
        }
    }

    internal const string DataProtectionHostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";
}
