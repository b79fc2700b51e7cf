namespace HealthGate.Acknowledgements;

internal static class AcknowledgementsServiceCollectionExtensions
{
    /// <summary>Acknowledgements: the service that records them, the book notifications ask, and its load at start.</summary>
    public static IServiceCollection AddHealthGateAcknowledgements(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<AcknowledgementBook>();
        services.AddSingleton<AcknowledgementService>();
        services.AddHostedService<AcknowledgementLoader>();
        return services;
    }
}
