namespace HealthGate.Auth;

/// <summary><c>HealthGate:Auth</c>: the API keys that may record overrides.</summary>
internal sealed class AuthOptions : Secrets.ISecretSource
{
    public const string SectionName = "Auth";

    /// <summary>The placeholder shipped in the sample desk: public, so it never authenticates anyone.</summary>
    public const string SampleKey = "EXAMPLE-ONLY-not-a-secret-replace-me";

    /// <summary>Key name (recorded with each override) to key value (sent in <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When true, the read endpoints (history, override log, check views) need a key too; the probes never.</summary>
    public bool RequireKeyForReads { get; set; }

    public IEnumerable<string> Secrets() => ApiKeys.Values;
}
