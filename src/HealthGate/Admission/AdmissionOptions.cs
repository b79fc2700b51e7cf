namespace HealthGate.Admission;

/// <summary><c>HealthGate:Admission</c>: whether the Kubernetes admission webhook denies, or only warns (audit mode).</summary>
internal sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// True (the default: a gate fails closed) denies what the decision denies; false is audit mode: every request is
    /// allowed and what would have been denied comes back as a warning, for the first weeks of a rollout.
    /// </summary>
    public bool Enforce { get; set; } = true;
}
