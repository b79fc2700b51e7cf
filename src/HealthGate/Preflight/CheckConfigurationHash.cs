using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthGate.Checks;
using HealthGate.Secrets;

namespace HealthGate.Preflight;

/// <summary>
/// The <c>configHash</c> of every preflight: the first 16 hex digits of SHA-256 over a canonical JSON of the
/// effective check configuration (each gate check's name, tier, type, timeout, tags and typed keys, plus the
/// modes). Secret values are replaced by <c>***</c> before hashing, so they neither change nor leak through it.
/// </summary>
internal sealed partial class CheckConfigurationHash(GateChecks checks, CheckCatalog catalog, PreflightModes modes)
{
    /// <summary>Computed once: the checks are bound at start and do not reload.</summary>
    public string Value { get; } = Compute(checks, catalog, modes);

    public static string Canonical(GateChecks checks, CheckCatalog catalog, PreflightModes modes)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(modes);
        var definitions = catalog.Definitions.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var checkNodes = new JsonArray();
        foreach (var check in checks.All.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var node = new JsonObject
            {
                ["name"] = check.Name,
                ["tier"] = check.Tier.ToString(),
                ["type"] = check.Type,
                ["timeoutMs"] = check.Timeout.TotalMilliseconds,
                ["tags"] = new JsonArray([.. check.Tags.Select(t => JsonValue.Create(t))]),
            };
            if (definitions.TryGetValue(check.Name, out var definition))
            {
                var options = JsonSerializer.SerializeToNode(definition.Options, definition.Options.GetType())!;
                node["options"] = WithoutSecrets(options, new SecretRedactor(definition.Options.Secrets()));
            }

            checkNodes.Add(node);
        }

        var modeNodes = new JsonObject();
        foreach (var name in modes.Names)
        {
            modes.TryGet(name, out _, out var tiers);
            modeNodes[name] = new JsonArray([.. tiers.Order().Select(t => JsonValue.Create(t.ToString()))]);
        }

        return Sorted(new JsonObject { ["checks"] = checkNodes, ["modes"] = modeNodes })!.ToJsonString();
    }

    private static string Compute(GateChecks checks, CheckCatalog catalog, PreflightModes modes)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(checks, catalog, modes)));
        return Convert.ToHexStringLower(digest)[..16];
    }

    /// <summary>Masks configured secrets, password-like keys and URL user info in every string value.</summary>
    private static JsonNode? WithoutSecrets(JsonNode? node, SecretRedactor redactor) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, WithoutSecrets(kv.Value, redactor)))),
        JsonArray a => new JsonArray([.. a.Select(item => WithoutSecrets(item, redactor))]),
        JsonValue v when v.TryGetValue<string>(out var text) => JsonValue.Create(UrlUserInfo().Replace(redactor.Redact(text), SecretRedactor.Mask + "@")),
        _ => node?.DeepClone(),
    };

    /// <summary>Object keys in ordinal order, so the text does not depend on property declaration order.</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"(?<=://)[^/?#@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();
}
