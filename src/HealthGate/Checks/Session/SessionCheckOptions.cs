using HealthGate.Configuration;

namespace HealthGate.Checks.Session;

internal sealed class SessionCheckOptions : CheckOptions
{
    /// <summary>An IANA time zone id (<c>Europe/London</c>, <c>America/New_York</c>) the windows are written in.</summary>
    public string? TimeZone { get; set; }

    // Lists are null until configured: a default list would be appended to by the binder, not replaced.
    public SessionWindowOptions[]? Windows { get; set; }

    public SessionBlackoutOptions[]? Blackouts { get; set; }

    public override void Validate(string key, ConfigErrors errors) => SessionCalendarParser.Parse(this, key, errors);
}
