namespace HealthGate.Admission;

/// <summary>
/// The gate's answer to one admission request, before audit mode: allowed or not, the message a denial carries, the
/// warnings an allowed one carries, and the run and override it rests on, if any.
/// </summary>
internal sealed record AdmissionDecision(bool Allowed, string Message)
{
    /// <summary>The configured mode the object asked for, or null when it named none the gate knows.</summary>
    public string? Mode { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string? RunId { get; init; }

    public long? OverrideId { get; init; }

    public static AdmissionDecision Allow(string message) => new(true, message);

    public static AdmissionDecision Deny(string message) => new(false, message);
}
