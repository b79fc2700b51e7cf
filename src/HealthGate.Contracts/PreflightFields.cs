namespace HealthGate.Contracts;

/// <summary>
/// The field names of the preflight JSON, fixed by the design. The service names its properties with these
/// (<c>[JsonPropertyName]</c>) and the CLI reads with them, so a rename on one side cannot go unnoticed.
/// </summary>
public static class PreflightFields
{
    public const string RunId = "runId";
    public const string Mode = "mode";
    public const string Verdict = "verdict";
    public const string ExitCode = "exitCode";
    public const string StartedAt = "startedAt";
    public const string DurationMs = "durationMs";
    public const string Summary = "summary";
    public const string Checks = "checks";
    public const string ExpiresAt = "expiresAt";
    public const string ConfigHash = "configHash";
    public const string Reason = "reason";

    /// <summary>Fields of each entry of <see cref="Checks"/>.</summary>
    public static class Check
    {
        public const string Name = "name";
        public const string Type = "type";
        public const string Tier = "tier";
        public const string Status = "status";
        public const string DurationMs = "durationMs";
        public const string Reason = "reason";
        public const string Description = "description";
        public const string Data = "data";

        /// <summary>The checks this one depends on, as configured.</summary>
        public const string DependsOn = "dependsOn";

        /// <summary>The Unhealthy root causes among its dependencies in the same run; empty when nothing blocks it.</summary>
        public const string BlockedBy = "blockedBy";
    }

    /// <summary>Fields of <see cref="Summary"/>: the run's checks counted by status.</summary>
    public static class Counts
    {
        public const string Total = "total";
        public const string Healthy = "healthy";
        public const string Degraded = "degraded";
        public const string Unhealthy = "unhealthy";
    }
}
