using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>X-Api-Key</c> against <c>HealthGate:Auth:ApiKeys</c>. The principal's name is the
/// key's name, recorded with each override. A refusal is a 401 problem+json that says why (no key sent, a wrong
/// key, or no key configured at all), checked before the body is read.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyAuthenticator keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsClosed)
        {
            return Task.FromResult(AuthenticateResult.Fail("no person (HealthGate:Auth:People) and no service key (HealthGate:Auth:ApiKeys) is configured on this gate, so overrides are closed: an override is never requested, approved or used anonymously"));
        }

        var presented = Request.Headers[ApiKeyAuthenticator.HeaderName].ToString();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Both lists are always compared, so timing does not tell a person's key from a service key.
        var person = keys.MatchPerson(presented);
        var service = keys.Match(presented);
        var principal = person is not null ? ApiKeyAuthenticator.PersonPrincipal(person, person.Roles, SchemeName)
            : service is not null ? ApiKeyAuthenticator.ServicePrincipal(service, SchemeName)
            : null;
        return Task.FromResult(principal is not null
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail($"the {ApiKeyAuthenticator.HeaderName} header holds no configured key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var cause = result.Failure?.Message ?? $"no {ApiKeyAuthenticator.HeaderName} header";
        AuthLog.Unauthorized(Logger, Context.Connection.RemoteIpAddress?.ToString(), cause);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyAuthenticator.HeaderName}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Title = "Unauthorized", Status = StatusCodes.Status401Unauthorized, Detail = keys.IsClosed ? cause : $"{Request.Method} {Request.Path} needs a valid API key in the {ApiKeyAuthenticator.HeaderName} header" },
        });
    }
}
