using System.Security.Claims;
using HealthGate.Contracts;

namespace HealthGate.Auth;

/// <summary>Who an authenticated caller is, read from the principal the gate's schemes built, never from a request body.</summary>
internal static class Principals
{
    /// <summary>The caller as the log records them: a person's configured id and name, or a service key's name.</summary>
    public static Actor Actor(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? throw new InvalidOperationException("an authenticated principal without an id: the authentication schemes always set one");
        var kind = principal.FindFirst(ApiKeyAuthenticator.KindClaim)?.Value == Contracts.Actor.Person ? Contracts.Actor.Person : Contracts.Actor.Service;
        return new Actor(id, principal.FindFirst(ClaimTypes.Name)?.Value ?? id, kind);
    }

    /// <summary>The roles the credential proves (a service key has none).</summary>
    public static IReadOnlySet<string> Roles(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
    }
}
