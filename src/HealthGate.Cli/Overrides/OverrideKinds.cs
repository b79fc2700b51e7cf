namespace HealthGate.Cli.Overrides;

/// <summary>The kinds as typed on the command line (<c>force-start</c>, <c>skip</c>) and as the gate names them.</summary>
internal static class OverrideKinds
{
    public const string ForceStartOption = "force-start";
    public const string SkipOption = "skip";

    public static IReadOnlyList<string> Options { get; } = [ForceStartOption, SkipOption];

    public static string ToGate(string option) => option switch
    {
        ForceStartOption => OverrideRequest.ForceStart,
        SkipOption => OverrideRequest.SkipHealthCheck,
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "not an override kind"),
    };

    /// <summary>Every mode but paper is held to the live rules (a ticket, an impact, a mitigation; the typed confirmations).</summary>
    public const string RelaxedMode = "paper";

    public static bool IsRelaxed(string mode) => string.Equals(mode, RelaxedMode, StringComparison.OrdinalIgnoreCase);
}
