using System.Text.Json;

namespace HealthGate.Checks.Venue;

/// <summary>One entry of a Statuspage summary's <c>scheduled_maintenances</c>, read strictly.</summary>
internal sealed record StatuspageMaintenance(string Name, string Status, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt)
{
    public const string Scheduled = "scheduled";
    public const string InProgress = "in_progress";
    public const string Verifying = "verifying";
    public const string Completed = "completed";

    /// <summary>Null with an <paramref name="error"/> when the entry cannot be read unambiguously.</summary>
    public static StatuspageMaintenance? Read(JsonElement entry, out string? error)
    {
        error = null;
        if (VenueText.StringProperty(entry, "status") is not { } status)
        {
            error = "a scheduled maintenance has no \"status\" string";
            return null;
        }

        var name = VenueText.StringProperty(entry, "name") is { Length: > 0 } n ? VenueText.Clip(n) : "(unnamed)";
        if (status is not (Scheduled or InProgress or Verifying or Completed))
        {
            error = $"scheduled maintenance {VenueText.Quote(name)} has status {VenueText.Quote(status)}, not one Statuspage documents";
            return null;
        }

        if (!TryInstant(entry, "scheduled_for", out var startsAt) || !TryInstant(entry, "scheduled_until", out var endsAt))
        {
            error = $"scheduled maintenance {VenueText.Quote(name)} has a scheduled_for or scheduled_until that is not an ISO 8601 instant with an offset";
            return null;
        }

        if (status == Scheduled && startsAt is null)
        {
            error = $"scheduled maintenance {VenueText.Quote(name)} has no scheduled_for";
            return null;
        }

        if (startsAt is { } from && endsAt is { } until && until < from)
        {
            // A window that ends before it starts has no meaning: read either way it could hide a maintenance underway.
            error = $"scheduled maintenance {VenueText.Quote(name)} ends ({Timestamps.ToText(until)}) before it starts ({Timestamps.ToText(from)})";
            return null;
        }

        return new StatuspageMaintenance(name, status, startsAt, endsAt);
    }

    /// <summary>
    /// In progress, verifying, or scheduled with its start already past and its end not (a venue that forgot to
    /// flip the status has still begun): trading during it is not safe.
    /// </summary>
    public bool IsUnderway(DateTimeOffset now) => Status switch
    {
        InProgress or Verifying => true,
        Scheduled => StartsAt <= now && (EndsAt is null || EndsAt > now),
        _ => false,
    };

    /// <summary>Scheduled to start after <paramref name="now"/> but no later than the lead time.</summary>
    public bool StartsWithin(DateTimeOffset now, TimeSpan lead) => Status == Scheduled && StartsAt > now && StartsAt <= now + lead;

    /// <summary>Absent and null read as null; a string must be an instant with an offset.</summary>
    private static bool TryInstant(JsonElement entry, string name, out DateTimeOffset? instant)
    {
        instant = null;
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && IsoInstant.TryParse(value.GetString(), out var parsed))
        {
            instant = parsed;
            return true;
        }

        return false;
    }
}
