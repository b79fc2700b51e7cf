using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// Atlassian Statuspage v2 <c>GET /api/v2/summary.json</c>: the worst of the page's <c>status.indicator</c>, its
/// unresolved incidents, the components that count and its <c>scheduled_maintenances</c> decides, so an indicator
/// <c>none</c> beside a component in outage is never read as open. First rule that matches: unreadable, maintenance
/// underway, outage, maintenance, major indicator or incident, maintenance soon, degraded, minor, open.
/// </summary>
internal static class StatuspageSummary
{
    private const int MaxNamesShown = 10;

    public static HealthCheckResult Judge(JsonElement root, VenueRules rules, Dictionary<string, object> data)
    {
        Describe(data, root);
        if (StatuspageAnswer.Read(root, out var error) is not { } page)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, error!, data);
        }

        Describe(data, page);
        if (page.PageUpdatedAt is { } updatedAt && updatedAt - rules.Now > rules.MaxAge)
        {
            // The page's last change is no lower bound on a quiet page's answer, but one dated ahead of our clock is not now.
            return CheckOutcome.Unhealthy(Reasons.StaleStatus, $"the page says it was updated at {Timestamps.ToText(updatedAt)}, more than {rules.MaxAge.TotalSeconds} s ahead of the gate's clock", data);
        }

        var counted = CountedComponents.Select(page.Components, rules.Components, out var missing);
        data["countedComponents"] = counted.Count;
        if (missing.Length > 0)
        {
            data["componentsMissing"] = missing.Take(MaxNamesShown).Select(VenueText.Clip).ToArray();
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"components not on the status page: {Names(missing)}; a component the page does not list cannot show it is operational", data);
        }

        if (counted.FirstOrDefault(c => !c.IsKnownStatus) is { } unknown)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"component {VenueText.Quote(unknown.Name)} has status {VenueText.Quote(unknown.Status)}, not one Statuspage documents", data);
        }

        var notOperational = counted.Where(c => c.Status != StatuspageComponent.Operational).ToArray();
        if (notOperational.Length > 0)
        {
            data["componentsNotOperational"] = notOperational.Take(MaxNamesShown).Select(c => VenueText.Clip(c.Name)).ToArray();
        }

        var shown = VenueText.Quote(page.Description ?? page.Indicator);
        var open = page.Incidents.Where(i => i.IsOpen).ToArray();
        if (page.Maintenances.FirstOrDefault(m => m.IsUnderway(rules.Now)) is { } underway)
        {
            DescribeMaintenance(data, underway);
            return CheckOutcome.Unhealthy(Reasons.VenueMaintenance, $"maintenance {VenueText.Quote(underway.Name)} is underway ({underway.Status})", data);
        }

        if (notOperational.Where(c => c.IsOutage).ToArray() is { Length: > 0 } outage)
        {
            return CheckOutcome.Unhealthy(Reasons.VenueOutage, $"components in outage: {Statuses(outage)}", data);
        }

        if (notOperational.Where(c => c.Status == StatuspageComponent.UnderMaintenance).ToArray() is { Length: > 0 } maintained)
        {
            return CheckOutcome.Unhealthy(Reasons.VenueMaintenance, $"components under maintenance: {Names(maintained.Select(c => c.Name))}", data);
        }

        if (page.Indicator == "maintenance" || open.Any(i => i.Impact == "maintenance"))
        {
            return CheckOutcome.Unhealthy(Reasons.VenueMaintenance, $"the status page shows maintenance: {shown}", data);
        }

        if (page.Indicator is "major" or "critical")
        {
            return CheckOutcome.Unhealthy(Reasons.VenueDegraded, $"the status page indicator is {page.Indicator}: {shown}", data);
        }

        if (open.Where(i => i.Impact is "major" or "critical").ToArray() is { Length: > 0 } major)
        {
            return CheckOutcome.Unhealthy(Reasons.VenueDegraded, $"unresolved incidents of major or critical impact: {Names(major.Select(i => i.Name))}", data);
        }

        var soon = page.Maintenances.Where(m => m.StartsWithin(rules.Now, rules.Lead)).MinBy(m => m.StartsAt);
        if (soon is not null)
        {
            DescribeMaintenance(data, soon);
            var minutes = Math.Ceiling((soon.StartsAt!.Value - rules.Now).TotalMinutes);
            return CheckOutcome.Degraded(Reasons.MaintenanceSoon, $"maintenance {VenueText.Quote(soon.Name)} starts in {minutes:F0} min, at {Timestamps.ToText(soon.StartsAt.Value)}", data);
        }

        if (notOperational.Length > 0)
        {
            return CheckOutcome.Degraded(Reasons.VenueDegraded, $"components with degraded performance: {Names(notOperational.Select(c => c.Name))}", data);
        }

        if (page.Indicator == "minor" || open.Any(i => i.Impact == "minor"))
        {
            return CheckOutcome.Degraded(Reasons.VenueDegraded, $"the status page indicator is {page.Indicator} with {open.Length} unresolved incident(s): {shown}", data);
        }

        return CheckOutcome.Healthy($"status page indicator none, {counted.Count} counted components operational: {shown}", data);
    }

    /// <summary>What the page says of itself, shown to the operator even when the rest cannot be read.</summary>
    private static void Describe(Dictionary<string, object> data, JsonElement root)
    {
        var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) ? s : default;
        var page = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("page", out var p) ? p : default;
        foreach (var (key, value) in new[] { ("indicator", VenueText.StringProperty(status, "indicator")), ("venueStatus", VenueText.StringProperty(status, "description")), ("page", VenueText.StringProperty(page, "name")) })
        {
            if (value is not null)
            {
                data[key] = VenueText.Clip(value);
            }
        }
    }

    private static void Describe(Dictionary<string, object> data, StatuspageAnswer page)
    {
        if (page.PageUpdatedAt is { } updatedAt)
        {
            data["pageUpdatedAt"] = Timestamps.ToText(updatedAt);
        }

        var open = page.Incidents.Where(i => i.IsOpen).Select(i => i.Name).Take(MaxNamesShown).ToArray();
        if (open.Length > 0)
        {
            data["unresolvedIncidents"] = open;
        }
    }

    private static void DescribeMaintenance(Dictionary<string, object> data, StatuspageMaintenance maintenance)
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

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Take(MaxNamesShown).Select(VenueText.Quote));

    private static string Statuses(IEnumerable<StatuspageComponent> components) =>
        string.Join(", ", components.Take(MaxNamesShown).Select(c => $"{VenueText.Quote(c.Name)} {c.Status}"));
}
