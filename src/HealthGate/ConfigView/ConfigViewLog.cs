namespace HealthGate.ConfigView;

/// <summary>The start-up report: what each mode and the readiness set will run, and what the environment set (names only).</summary>
internal static partial class ConfigViewLog
{
    [LoggerMessage(EventId = 10001, Level = LogLevel.Information, Message = "Configuration {ConfigHash}: mode {Mode} ({Tiers}) runs {Count} checks: {Checks}")]
    public static partial void ModeRuns(ILogger logger, string configHash, string mode, IReadOnlyList<string> tiers, int count, IReadOnlyList<string> checks);

    [LoggerMessage(EventId = 10002, Level = LogLevel.Information, Message = "Configuration {ConfigHash}: readiness ({Tiers}) runs {Count} checks: {Checks}")]
    public static partial void ReadinessRuns(ILogger logger, string configHash, IReadOnlyList<string> tiers, int count, IReadOnlyList<string> checks);

    // Names only: the values are the secrets and endpoints the environment is there to supply.
    [LoggerMessage(EventId = 10003, Level = LogLevel.Information, Message = "Configuration {ConfigHash}: {Count} keys set from the environment: {Keys}")]
    public static partial void EnvironmentKeys(ILogger logger, string configHash, int count, IReadOnlyList<string> keys);

    [LoggerMessage(EventId = 10004, Level = LogLevel.Information, Message = "Override {Mode}:{Kind} needs approvals by {Roles}, each a different person, within {WindowMinutes} min")]
    public static partial void OverridePolicy(ILogger logger, string mode, string kind, IReadOnlyList<string> roles, int windowMinutes);
}
