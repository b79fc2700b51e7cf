using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// Atlassian Statuspage v2 <c>GET /api/v2/summary.json</c>: the page's <c>status.indicator</c> (none, minor, major,
/// critical) and its <c>scheduled_maintenances</c>. An indicator or maintenance status it does not document, or an
/// answer without the maintenance list (such as <c>status.json</c>), is unreadable.
/// </summary>
internal static class StatuspageSummary
{
    private const int MaxNamesShown = 10;

    public static HealthCheckResult Judge(JsonElement root, DateTimeOffset now, TimeSpan lead, Dictionary<string, object> data)
    {
        var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) ? s : default;
        if (VenueText.StringProperty(status, "indicator") is not { } indicator)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, "the answer has no \"status\" object with an \"indicator\" string (Statuspage summary)", data);
        }

        data["indicator"] = VenueText.Clip(indicator);
        if (VenueText.StringProperty(status, "description") is { } description)
        {
            data["venueStatus"] = VenueText.Clip(description);
        }

        if (root.TryGetProperty("page", out var page) && VenueText.StringProperty(page, "name") is { } pageName)
        {
            data["page"] = VenueText.Clip(pageName);
        }

        AddNames(data, "unresolvedIncidents", root, "incidents", _ => true);
        AddNames(data, "componentsNotOperational", root, "components", c => VenueText.StringProperty(c, "status") != "operational");
        if (!root.TryGetProperty("scheduled_maintenances", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, "the answer has no \"scheduled_maintenances\" array: is the URL the page's /api/v2/summary.json?", data);
        }

        var maintenances = new List<StatuspageMaintenance>();
        foreach (var entry in list.EnumerateArray())
        {
            if (StatuspageMaintenance.Read(entry, out var error) is not { } maintenance)
            {
                return CheckOutcome.Unhealthy(Reasons.InvalidResponse, error!, data);
            }

            maintenances.Add(maintenance);
        }

        var shown = VenueText.Quote(data.TryGetValue("venueStatus", out var text) ? (string)text : indicator);
        if (maintenances.FirstOrDefault(m => m.IsUnderway(now)) is { } underway)
        {
            Describe(data, underway);
            return CheckOutcome.Unhealthy(Reasons.VenueMaintenance, $"maintenance {VenueText.Quote(underway.Name)} is underway ({underway.Status})", data);
        }

        switch (indicator)
        {
            case "maintenance":
                return CheckOutcome.Unhealthy(Reasons.VenueMaintenance, $"the status page shows maintenance: {shown}", data);
            case "major" or "critical":
                return CheckOutcome.Unhealthy(Reasons.VenueDegraded, $"the status page indicator is {indicator}: {shown}", data);
            case not ("none" or "minor"):
                return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"status indicator {VenueText.Quote(indicator)} is not one Statuspage documents (none, minor, major, critical)", data);
        }

        var soon = maintenances.Where(m => m.StartsWithin(now, lead)).MinBy(m => m.StartsAt);
        if (soon is not null)
        {
            Describe(data, soon);
            var minutes = Math.Ceiling((soon.StartsAt!.Value - now).TotalMinutes);
            return CheckOutcome.Degraded(Reasons.MaintenanceSoon, $"maintenance {VenueText.Quote(soon.Name)} starts in {minutes:F0} min, at {Timestamps.ToText(soon.StartsAt.Value)}", data);
        }

        return indicator == "minor"
            ? CheckOutcome.Degraded(Reasons.VenueDegraded, $"the status page indicator is minor: {shown}", data)
            : CheckOutcome.Healthy($"status page indicator none: {shown}", data);
    }

    private static void Describe(Dictionary<string, object> data, StatuspageMaintenance maintenance)
    {
        data["maintenanceName"] = maintenance.Name;
        data["maintenanceStatus"] = maintenance.Status;
        if (maintenance.StartsAt is { } startsAt)
        {
            data["maintenanceStartsAt"] = Timestamps.ToText(startsAt);
        }

        if (maintenance.EndsAt is { } endsAt)
        {
            data["maintenanceEndsAt"] = Timestamps.ToText(endsAt);
        }
    }

    /// <summary>The names of the listed items that match, for the operator; at most a few, never judged.</summary>
    private static void AddNames(Dictionary<string, object> data, string key, JsonElement root, string property, Func<JsonElement, bool> match)
    {
        if (root.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array)
        {
            string[] names = [.. items.EnumerateArray().Where(match).Select(i => VenueText.StringProperty(i, "name")).OfType<string>().Take(MaxNamesShown).Select(VenueText.Clip)];
            if (names.Length > 0)
            {
                data[key] = names;
            }
        }
    }
}
