using System.Text.Json.Nodes;
using HealthGate.Admission;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Health;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Secrets;
using Microsoft.Extensions.Options;

namespace HealthGate.ConfigView;

/// <summary>
/// The configuration the gate runs, built once at start (it never reloads): the checks as <c>configHash</c> hashes
/// them (<see cref="CheckConfigurationHash.Canonical"/>, secrets already masked), each mode's and the readiness set's
/// checks, and the names of the keys the environment set.
/// </summary>
internal sealed class EffectiveConfiguration
{
    // Masked by key as well as by value: a short token is below the redactor's minimum length.
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase) { "Password", "Token" };

    public EffectiveConfiguration(
        GateChecks gate,
        CheckCatalog catalog,
        PreflightModes modes,
        IOptions<ReadinessOptions> readiness,
        CheckConfigurationHash hash,
        ConfigurationSources sources,
        SecretRedactor redactor,
        OverridePolicies overrides,
        IOptions<AdmissionOptions> admission)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(admission);
        var canonical = JsonNode.Parse(CheckConfigurationHash.Canonical(gate, catalog, modes))!;
        var checks = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var node in canonical["checks"]!.AsArray().OfType<JsonObject>())
        {
            var check = (JsonObject)Masked(node, redactor, key: null)!;
            checks[(string)check["name"]!] = check;
        }

        var modeViews = new SortedDictionary<string, CheckSelection>(StringComparer.Ordinal);
        foreach (var name in modes.Names)
        {
            modes.TryGet(name, out _, out var tiers);
            modeViews[name] = Select(gate, tiers);
        }

        Document = new ConfigDocument(
            hash.Value,
            checks,
            modeViews,
            Select(gate, TierSelection.Parse(readiness.Value.EffectiveTiers)),
            [.. catalog.Disabled.Order(StringComparer.Ordinal)],
            DeskRules.EnvironmentKeys(sources),
            new OverridePolicyView(
                (int)overrides.Window.TotalMinutes,
                overrides.All.GroupBy(p => p.Mode, StringComparer.Ordinal).ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyDictionary<string, IReadOnlyList<string>>)g.ToDictionary(p => p.Kind, p => p.Roles, StringComparer.Ordinal),
                    StringComparer.Ordinal)),
            new AdmissionView(admission.Value.Enforce));
    }

    public ConfigDocument Document { get; }

    private static CheckSelection Select(GateChecks gate, IReadOnlySet<CheckTier> tiers) => new(
        [.. tiers.Order().Select(t => t.ToString())],
        [.. gate.ForTiers(tiers).Select(c => c.Name).Order(StringComparer.Ordinal)]);

    private static JsonNode? Masked(JsonNode? node, SecretRedactor redactor, string? key) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Masked(kv.Value, redactor, kv.Key)))),
        JsonArray a => new JsonArray([.. a.Select(item => Masked(item, redactor, key))]),
        JsonValue v when v.TryGetValue<string>(out var text) => JsonValue.Create(key is not null && SecretKeys.Contains(key) ? SecretRedactor.Mask : redactor.Redact(text)),
        _ => node?.DeepClone(),
    };
}
