using System.Text.Json;

namespace HealthGate.Checks.Venue;

/// <summary>
/// One unresolved incident of a Statuspage summary's <c>incidents</c>. Its <c>impact</c> weighs like the page's
/// indicator, which Statuspage derives from it: an indicator <c>none</c> beside a major incident contradicts itself,
/// and the worse of the two decides.
/// </summary>
internal sealed record StatuspageIncident(string Name, string Status, string Impact)
{
    public const string Resolved = "resolved";
    public const string Postmortem = "postmortem";

    /// <summary>The impacts Statuspage documents for an incident; any other is unreadable.</summary>
    public static readonly string[] Impacts = ["none", "minor", "major", "critical", "maintenance"];

    /// <summary>Resolved incidents (a summary lists unresolved ones, but a page may lag) weigh nothing.</summary>
    public bool IsOpen => Status is not (Resolved or Postmortem);

    /// <summary>Null with an <paramref name="error"/> when the entry does not have the documented shape.</summary>
    public static StatuspageIncident? Read(JsonElement entry, out string? error)
    {
        error = null;
        var name = VenueText.StringProperty(entry, "name") is { Length: > 0 } n ? VenueText.Clip(n) : "(unnamed)";
        var status = VenueText.StringProperty(entry, "status");
        var impact = VenueText.StringProperty(entry, "impact");
        if (status is null || impact is null)
        {
            error = $"incident {VenueText.Quote(name)} has no \"status\" or \"impact\" string";
            return null;
        }

        if (!Impacts.Contains(impact, StringComparer.Ordinal))
        {
            error = $"incident {VenueText.Quote(name)} has impact {VenueText.Quote(impact)}, not one Statuspage documents (none, minor, major, critical, maintenance)";
            return null;
        }

        return new StatuspageIncident(name, status, impact);
    }
}
