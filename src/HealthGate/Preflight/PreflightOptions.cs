namespace HealthGate.Preflight;

/// <summary><c>HealthGate:Preflight</c>: how long a verdict stays valid and which in-flight run a request may join.</summary>
internal sealed class PreflightOptions
{
    public const string SectionName = "Preflight";

    /// <summary>A verdict expires this long after its run started (<c>expiresAt</c>); a GO past it is not a GO.</summary>
    public int VerdictTtlSeconds { get; set; } = 60;

    /// <summary>A request joins a run in flight only if that run started at most this long before it arrived.</summary>
    public int CoalesceWindowMs { get; set; } = 250;

    /// <summary>
    /// Fresh runs per mode per second at most (a burst of as many is allowed); a request over the cap waits for and
    /// joins the next run, so <c>/preflight</c> cannot be used to hammer the dependencies. 0 means no cap.
    /// </summary>
    public int MaxRunsPerSecond { get; set; } = 20;

    /// <summary>Requests per minute one client (remote address) may send to <c>/preflight</c>; over it, 429 with Retry-After.</summary>
    public int ClientRequestsPerMinute { get; set; } = 600;
}
