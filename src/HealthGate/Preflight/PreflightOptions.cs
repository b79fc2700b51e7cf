namespace HealthGate.Preflight;

/// <summary><c>HealthGate:Preflight</c>: how long a verdict stays valid and which in-flight run a request may join.</summary>
internal sealed class PreflightOptions
{
    public const string SectionName = "Preflight";

    /// <summary>A verdict expires this long after its run started (<c>expiresAt</c>); a GO past it is not a GO.</summary>
    public int VerdictTtlSeconds { get; set; } = 60;

    /// <summary>A request joins a run in flight only if that run started at most this long before it arrived.</summary>
    public int CoalesceWindowMs { get; set; } = 250;
}
