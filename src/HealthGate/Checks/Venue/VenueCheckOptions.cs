using HealthGate.Checks.Probing;
using HealthGate.Configuration;

namespace HealthGate.Checks.Venue;

internal sealed class VenueCheckOptions : CheckOptions
{
    public const int MaxLeadMinutes = 24 * 60;
    public const int DefaultMaxStatusAgeSeconds = 120;
    public const int MaxStatusAgeLimitSeconds = 24 * 60 * 60;

    /// <summary><c>binance</c>, <c>kraken</c> or <c>statuspage</c>: which documented answer <see cref="Url"/> gives.</summary>
    public string? Format { get; set; }

    /// <summary>The status endpoint itself, e.g. <c>https://api.binance.com/sapi/v1/system/status</c>.</summary>
    public string? Url { get; set; }

    /// <summary>Statuspage only: a maintenance starting within this many minutes is Degraded (<c>maintenance_soon</c>).</summary>
    public int MaintenanceLeadMinutes { get; set; } = 30;

    /// <summary>How far the answer's own time (HTTP <c>Date</c>, <c>Age</c>, Kraken's <c>result.timestamp</c>) may be from the gate's clock, either way.</summary>
    public int MaxStatusAgeSeconds { get; set; } = DefaultMaxStatusAgeSeconds;

    /// <summary>Statuspage only: the component names (or ids) that count; empty counts every component on the page.</summary>
    public string[] Components { get; set; } = [];

    public VenueFormat ParsedFormat => TryParseFormat(Format, out var format) ? format : throw new InvalidOperationException($"unknown venue format '{Format}'");

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Format))
        {
            errors.Add($"{key}:Format", "is required (one of: binance, kraken, statuspage)");
        }
        else if (!TryParseFormat(Format, out _))
        {
            errors.Add($"{key}:Format", $"unknown venue format '{Format}' (one of: binance, kraken, statuspage)");
        }

        errors.RequireAbsoluteHttpUrl($"{key}:Url", Url);
        if (MaintenanceLeadMinutes is < 0 or > MaxLeadMinutes)
        {
            errors.Add($"{key}:MaintenanceLeadMinutes", $"must be between 0 and {MaxLeadMinutes}");
        }

        if (MaxStatusAgeSeconds is < 1 or > MaxStatusAgeLimitSeconds)
        {
            errors.Add($"{key}:MaxStatusAgeSeconds", $"must be between 1 and {MaxStatusAgeLimitSeconds}");
        }

        if (Components.Length > 0)
        {
            // Only a status page lists components: on another format the list would look like a filter and do nothing.
            if (TryParseFormat(Format, out var format) && format != VenueFormat.Statuspage)
            {
                errors.Add($"{key}:Components", "applies to Format statuspage only");
            }

            errors.RequireNames($"{key}:Components", Components, "list at least one component, or leave the key out to count every component");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url);

    // Names only, matched ignoring ASCII case as check types are: "1" or "Binance, " must not parse as a format.
    private static bool TryParseFormat(string? text, out VenueFormat format)
    {
        foreach (var candidate in Enum.GetValues<VenueFormat>())
        {
            if (AsciiCase.Equals(text, candidate.ToString()))
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }
}
