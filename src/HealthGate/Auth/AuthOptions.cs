namespace HealthGate.Auth;

/// <summary><c>HealthGate:Auth</c>: the service keys and the people who may call the guarded endpoints.</summary>
internal sealed class AuthOptions : Secrets.ISecretSource
{
    public const string SectionName = "Auth";

    /// <summary>The placeholder shipped in the sample desk: public, so it never authenticates anyone.</summary>
    public const string SampleKey = "EXAMPLE-ONLY-not-a-secret-replace-me";

    /// <summary>Key name (recorded with each override) to key value (sent in <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When true, the read endpoints (history, override log, check views) need a key too; the probes never.</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>Person id to the person: who may sign for themselves (key hash or JWT).</summary>
    public Dictionary<string, PersonOptions> People { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Optional OIDC bearer tokens; absent means people authenticate by key only.</summary>
    public JwtOptions Jwt { get; set; } = new();

    public IEnumerable<string> Secrets() => ApiKeys.Values;
}
