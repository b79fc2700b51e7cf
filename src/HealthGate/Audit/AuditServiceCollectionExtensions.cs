namespace HealthGate.Audit;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>What the op-log's reads, exports and evidence packs need (the log itself is Storage's).</summary>
    public static IServiceCollection AddHealthGateAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<OpLogReader>();
    }
}
