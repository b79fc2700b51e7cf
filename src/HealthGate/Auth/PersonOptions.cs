namespace HealthGate.Auth;

/// <summary><c>HealthGate:Auth:People:{id}</c>: a person who signs for themselves with their own credential.</summary>
internal sealed class PersonOptions
{
    /// <summary>The display name; distinct from every other person's after NFKC and case folding (<see cref="DisplayNames"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The roles this person may fill (e.g. <c>operator</c>, <c>risk-manager</c>, <c>cto</c>).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Lower- or upper-case hex SHA-256 of the person's API key (UTF-8), sent as <c>X-Api-Key</c>; the key itself is never configured.</summary>
    public string KeySha256 { get; set; } = "";
}

/// <summary><c>HealthGate:Auth:Jwt</c>: an optional OIDC authority whose bearer tokens identify configured people.</summary>
internal sealed class JwtOptions
{
    public string Authority { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>The claim whose value is the person id.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim holding the token's roles (one claim per role, or a JSON array).</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>The discovery document, when not at the authority's <c>/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
