using HealthGate.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.ConfigView;

/// <summary><c>GET /config</c>: the effective configuration, under the read policy of the other read endpoints.</summary>
internal static class ConfigViewApi
{
    public static RouteHandlerBuilder MapConfigViewApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/config", GetConfig)
            .WithTags("Configuration")
            .WithName("GetConfig")
            .WithSummary("The effective configuration, every secret as ***, with configHash and the checks each mode and the readiness set run.")
            .RequireAuthorization(ReadPolicyProvider.ReadPolicy);
    }

    public static Ok<ConfigDocument> GetConfig(EffectiveConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return TypedResults.Ok(configuration.Document);
    }
}
