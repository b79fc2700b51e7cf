namespace HealthGate.Runs;

/// <summary>What an operational log entry records.</summary>
internal static class OpLogKinds
{
    /// <summary>A preflight run that said no-go (P0_FAIL or P1_FAIL).</summary>
    public const string PreflightFailure = "preflight_failure";

    public const string ForceStart = OverrideRequest.ForceStart;

    public const string SkipHealthCheck = OverrideRequest.SkipHealthCheck;

    public static IReadOnlyList<string> Overrides { get; } = OverrideRequest.Kinds;
}
