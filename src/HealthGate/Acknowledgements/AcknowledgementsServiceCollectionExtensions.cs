namespace HealthGate.Acknowledgements;

internal static class AcknowledgementsServiceCollectionExtensions
{
    /// <summary>Acknowledgements: the service that records them, the book notifications ask, and its load at start.</summary>
    public static IServiceCollection AddHealthGateAcknowledgements(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<AcknowledgementBook>();

        // Replaces Notify's default (it registers NoSilence only if nothing else is there), whatever the order.
        services.AddSingleton<HealthGate.Notify.INotifySilence, AcknowledgementSilence>();
        services.AddSingleton<AcknowledgementService>();
        services.AddHostedService<AcknowledgementLoader>();
        return services;
    }
}
