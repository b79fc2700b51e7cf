namespace HealthGate.Runs;

/// <summary>What the gate decided about a launch, as recorded in the operational log.</summary>
internal static class OpLogDecisions
{
    /// <summary>The preflight failed: the launch must not go ahead (P1 only with a recorded override).</summary>
    public const string Abort = "abort";

    /// <summary>An override was accepted: the launch goes ahead despite the gate.</summary>
    public const string Proceed = "proceed";

    /// <summary>An override was refused (for example a force-start over a P0 failure).</summary>
    public const string Refused = "refused";
}
