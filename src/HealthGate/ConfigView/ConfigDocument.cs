using System.Text.Json.Nodes;

namespace HealthGate.ConfigView;

/// <summary>
/// <c>GET /config</c>: the effective configuration of the gate, every secret as <c>***</c>. <see cref="ConfigHash"/> is
/// the one every preflight verdict carries, computed over the same <see cref="Checks"/> and modes.
/// </summary>
internal sealed record ConfigDocument(
    string ConfigHash,
    IReadOnlyDictionary<string, JsonObject> Checks,
    IReadOnlyDictionary<string, CheckSelection> Modes,
    CheckSelection Readiness,
    IReadOnlyList<string> DisabledChecks,
    IReadOnlyList<string> EnvironmentKeys,
    OverridePolicyView Overrides,
    AdmissionView Admission);

/// <summary>Who must approve each override (<c>mode</c> → <c>kind</c> → roles, defaults applied) and for how long a request stays open.</summary>
internal sealed record OverridePolicyView(int ApprovalWindowMinutes, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Policies);

/// <summary>Whether the Kubernetes admission webhook denies (<c>enforce</c>) or only warns (audit mode): an operator must be able to see which.</summary>
internal sealed record AdmissionView(bool Enforce);

/// <summary>What a mode or the readiness set runs: its tiers and, resolved at start, the checks in them.</summary>
internal sealed record CheckSelection(IReadOnlyList<string> Tiers, IReadOnlyList<string> Checks);
