namespace HealthGate.ConfigView;

internal static class ConfigViewServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateConfigView(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<EffectiveConfiguration>();
    }

    /// <summary>The start-up report, once the configuration is valid: per mode and readiness the checks, and the environment's keys.</summary>
    public static void LogHealthGateConfiguration(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var document = services.GetRequiredService<EffectiveConfiguration>().Document;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("HealthGate.ConfigView");
        foreach (var (mode, selection) in document.Modes)
        {
            ConfigViewLog.ModeRuns(logger, document.ConfigHash, mode, selection.Tiers, selection.Checks.Count, selection.Checks);
        }

        ConfigViewLog.ReadinessRuns(logger, document.ConfigHash, document.Readiness.Tiers, document.Readiness.Checks.Count, document.Readiness.Checks);
        ConfigViewLog.EnvironmentKeys(logger, document.ConfigHash, document.EnvironmentKeys.Count, document.EnvironmentKeys);
        foreach (var (mode, kinds) in document.Overrides.Policies)
        {
            foreach (var (kind, roles) in kinds)
            {
                ConfigViewLog.OverridePolicy(logger, mode, kind, roles, document.Overrides.ApprovalWindowMinutes);
            }
        }
    }
}
