using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

/// <summary>
/// <c>Auth:Jwt</c>: a bearer token from the configured authority identifies a configured person or nobody. The
/// token's roles only narrow the person's configured roles (their intersection): the gate's configuration, not the
/// identity provider alone, decides who may approve what.
/// </summary>
internal static class JwtPeople
{
    /// <summary>The scheme endpoints name: Bearer when an <c>Authorization: Bearer</c> header is sent (and Jwt is configured), else ApiKey.</summary>
    public const string SchemeName = "HealthGate";

    public static void Configure(JwtBearerOptions bearer, JwtOptions jwt)
    {
        bearer.MapInboundClaims = false;
        if (!jwt.IsConfigured)
        {
            return;
        }

        bearer.Authority = jwt.Authority;
        bearer.Audience = jwt.Audience;
        bearer.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        if (!string.IsNullOrWhiteSpace(jwt.MetadataAddress))
        {
            bearer.MetadataAddress = jwt.MetadataAddress;
        }

        bearer.TokenValidationParameters.NameClaimType = jwt.NameClaim;
        bearer.TokenValidationParameters.RoleClaimType = jwt.RolesClaim;
        bearer.Events = new JwtBearerEvents { OnTokenValidated = context => MapToPerson(context, jwt) };
    }

    private static Task MapToPerson(TokenValidatedContext context, JwtOptions jwt)
    {
        var people = context.HttpContext.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
        var id = context.Principal?.FindFirst(jwt.NameClaim)?.Value;
        if (id is null || people.FindPerson(id) is not { } person)
        {
            context.Fail($"the token's {jwt.NameClaim} claim names no configured person (HealthGate:Auth:People)");
            return Task.CompletedTask;
        }

        var tokenRoles = context.Principal!.FindAll(jwt.RolesClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        context.Principal = ApiKeyAuthenticator.PersonPrincipal(person, person.Roles.Where(tokenRoles.Contains), JwtBearerDefaults.AuthenticationScheme);
        return Task.CompletedTask;
    }

    /// <summary>Bearer only for a bearer header on a gate with Jwt configured; every other request goes to ApiKey.</summary>
    public static string Select(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt.IsConfigured
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    public static AuthenticationBuilder AddJwtPeople(this AuthenticationBuilder builder)
    {
        builder.AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, auth) => Configure(bearer, auth.Value.Jwt));
        builder.AddPolicyScheme(SchemeName, "API key or bearer token", policy => policy.ForwardDefaultSelector = Select);
        return builder;
    }
}
