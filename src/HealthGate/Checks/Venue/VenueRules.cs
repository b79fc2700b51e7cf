namespace HealthGate.Checks.Venue;

/// <summary>What a status answer is judged against: the gate's clock and the check's configured bounds.</summary>
internal sealed record VenueRules(DateTimeOffset Now, TimeSpan MaxAge, TimeSpan Lead, IReadOnlyList<string> Components)
{
    public static VenueRules From(VenueCheckOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(now, TimeSpan.FromSeconds(options.MaxStatusAgeSeconds), TimeSpan.FromMinutes(options.MaintenanceLeadMinutes), options.Components);
    }
}
