using System.Text.Json;

namespace HealthGate.Checks.Venue;

/// <summary>
/// One entry of a Statuspage summary's <c>components</c>. A group (<c>"group": true</c>) is a component too: its
/// status is the page's roll-up of its members, which name it in their <c>group_id</c> (and it lists them in its own
/// <c>components</c>).
/// </summary>
internal sealed record StatuspageComponent(string Id, string Name, string Status, bool IsGroup, string? GroupId, string[] MemberIds)
{
    public const string Operational = "operational";
    public const string DegradedPerformance = "degraded_performance";
    public const string PartialOutage = "partial_outage";
    public const string MajorOutage = "major_outage";
    public const string UnderMaintenance = "under_maintenance";

    /// <summary>The statuses Statuspage documents for a component; any other is unreadable.</summary>
    public static readonly string[] Statuses = [Operational, DegradedPerformance, PartialOutage, MajorOutage, UnderMaintenance];

    public bool IsKnownStatus => Statuses.Contains(Status, StringComparer.Ordinal);

    public bool IsOutage => Status is PartialOutage or MajorOutage;

    /// <summary>Null with an <paramref name="error"/> when the entry does not have the documented shape.</summary>
    public static StatuspageComponent? Read(JsonElement entry, out string? error)
    {
        error = null;
        var name = VenueText.StringProperty(entry, "name");
        var id = VenueText.StringProperty(entry, "id");
        var status = VenueText.StringProperty(entry, "status");
        if (name is null || id is null || status is null)
        {
            error = $"a component ({(name is null ? "unnamed" : VenueText.Quote(name))}) has no \"id\", \"name\" or \"status\" string";
            return null;
        }

        var group = entry.TryGetProperty("group", out var g) ? g : default;
        var groupId = entry.TryGetProperty("group_id", out var gid) ? gid : default;
        var members = entry.TryGetProperty("components", out var m) ? m : default;
        if (group.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.True or JsonValueKind.False)
            || groupId.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String)
            || members.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Array)
            || (members.ValueKind == JsonValueKind.Array && members.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String)))
        {
            error = $"component {VenueText.Quote(name)} has a \"group\", \"group_id\" or \"components\" that is not a boolean, an id or a list of ids";
            return null;
        }

        string[] memberIds = members.ValueKind == JsonValueKind.Array ? [.. members.EnumerateArray().Select(i => i.GetString()!)] : [];
        return new StatuspageComponent(id, name, status, group.ValueKind == JsonValueKind.True, groupId.ValueKind == JsonValueKind.String ? groupId.GetString() : null, memberIds);
    }
}
