using Scalar.AspNetCore;

namespace HealthGate.OpenApi;

/// <summary>
/// The API explorer at <c>/scalar</c>: Scalar's page over <c>/openapi/v1.json</c>. Everything it loads is served by
/// the gate (Scalar.AspNetCore embeds its bundle), so it works on a desk with no internet: no CDN fonts, no
/// telemetry, no AI agent, no MCP, no developer tools linking out. Every tag is open, so every endpoint shows at once.
/// </summary>
internal static class ApiReferenceEndpoints
{
    public const string Prefix = "/scalar";

    public static IEndpointConventionBuilder MapHealthGateApiReference(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapScalarApiReference(Prefix, options => options
            .WithTitle("HealthGate API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .ExpandAllTags()
            .AddPreferredSecuritySchemes(ApiKeySecurityTransformer.SchemeId));
    }
}
