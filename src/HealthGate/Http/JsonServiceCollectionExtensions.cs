namespace HealthGate.Http;

internal static class JsonServiceCollectionExtensions
{
    /// <summary>The HTTP API's JSON: timestamps in UTC with milliseconds, and no property given twice.</summary>
    public static IServiceCollection AddHealthGateJson(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new UtcTimestampConverter());

            // A request naming a field twice (two "approvers") has no one meaning: a 400, not last-wins.
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
    }
}
