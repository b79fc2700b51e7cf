using HealthGate.Metrics;
using HealthGate.Preflight;
using Prometheus;

namespace HealthGate.Admission;

/// <summary>
/// Admission reviews by mode and decision: <c>allow</c>, <c>deny</c>, or <c>audit_deny</c> (audit mode answered
/// allowed what enforcement would deny). A label value the gate does not know counts as mode <c>none</c>, so an
/// object's label never becomes a series of its own.
/// </summary>
internal sealed class AdmissionMetrics : IInstrumentOwner
{
    public const string Name = "healthgate_admission_reviews_total";
    public const string NoMode = "none";

    private readonly Counter _reviews;

    public AdmissionMetrics(PreflightModes modes, IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(factory);
        _reviews = factory.CreateCounter(Name, "Kubernetes admission reviews answered, by mode and decision.", ["mode", "decision"]);
        foreach (var mode in modes.Names.Append(NoMode))
        {
            foreach (var decision in Decisions)
            {
                _reviews.WithLabels(mode, decision);
            }
        }
    }

    public static IReadOnlyList<string> Decisions { get; } = ["allow", "deny", "audit_deny"];

    public void Record(string? mode, string decision) => _reviews.WithLabels(mode ?? NoMode, decision).Inc();
}
