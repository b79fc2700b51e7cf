using System.Text.Json;

namespace HealthGate.Checks.Venue;

/// <summary>
/// A Statuspage v2 summary read strictly: the indicator, the page's last update, and every component, unresolved
/// incident and scheduled maintenance. Any departure from the documented shape is an error, never a guess.
/// </summary>
internal sealed record StatuspageAnswer(
    string Indicator,
    string? Description,
    DateTimeOffset? PageUpdatedAt,
    IReadOnlyList<StatuspageComponent> Components,
    IReadOnlyList<StatuspageIncident> Incidents,
    IReadOnlyList<StatuspageMaintenance> Maintenances)
{
    /// <summary>The indicators Statuspage documents (<c>maintenance</c> is sent while one is underway).</summary>
    public static readonly string[] Indicators = ["none", "minor", "major", "critical", "maintenance"];

    /// <summary>Null with an <paramref name="error"/> when the answer cannot be read unambiguously.</summary>
    public static StatuspageAnswer? Read(JsonElement root, out string? error)
    {
        error = null;
        var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) ? s : default;
        if (VenueText.StringProperty(status, "indicator") is not { } indicator)
        {
            error = "the answer has no \"status\" object with an \"indicator\" string (Statuspage summary)";
            return null;
        }

        if (!Indicators.Contains(indicator, StringComparer.Ordinal))
        {
            error = $"status indicator {VenueText.Quote(indicator)} is not one Statuspage documents (none, minor, major, critical, maintenance)";
            return null;
        }

        var page = root.TryGetProperty("page", out var p) ? p : default;
        DateTimeOffset? updatedAt = null;
        if (page.ValueKind == JsonValueKind.Object && page.TryGetProperty("updated_at", out var updated))
        {
            if (updated.ValueKind != JsonValueKind.String || !IsoInstant.TryParse(updated.GetString(), out var instant))
            {
                error = "page.updated_at is not an ISO 8601 instant with an offset";
                return null;
            }

            updatedAt = instant;
        }

        var components = ReadList(root, "components", StatuspageComponent.Read, ref error);
        var incidents = ReadList(root, "incidents", StatuspageIncident.Read, ref error);
        var maintenances = ReadList(root, "scheduled_maintenances", StatuspageMaintenance.Read, ref error);
        return components is null || incidents is null || maintenances is null
            ? null
            : new StatuspageAnswer(indicator, VenueText.StringProperty(status, "description"), updatedAt, components, incidents, maintenances);
    }

    private delegate T? EntryReader<T>(JsonElement entry, out string? error);

    /// <summary>The list under <paramref name="property"/>, required: a summary without it (such as status.json) would hide what it holds.</summary>
    private static List<T>? ReadList<T>(JsonElement root, string property, EntryReader<T> read, ref string? error)
        where T : class
    {
        if (error is not null)
        {
            return null;
        }

        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            error = $"the answer has no \"{property}\" array: is the URL the page's /api/v2/summary.json?";
            return null;
        }

        var items = new List<T>();
        foreach (var entry in list.EnumerateArray())
        {
            if (read(entry, out var entryError) is not { } item)
            {
                error = entryError;
                return null;
            }

            items.Add(item);
        }

        return items;
    }
}
