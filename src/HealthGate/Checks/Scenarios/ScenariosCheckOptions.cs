using HealthGate.Checks.Probing;
using HealthGate.Configuration;

namespace HealthGate.Checks.Scenarios;

internal sealed class ScenariosCheckOptions : CheckOptions
{
    public string? Url { get; set; }

    public string[] Expected { get; set; } = [];

    public int? MinCount { get; set; }

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireAbsoluteHttpUrl($"{key}:Url", Url);
        errors.RequirePositive($"{key}:MinCount", MinCount);
        if (Expected.Length == 0 && MinCount is null)
        {
            // A registry check that expects nothing would pass an empty registry.
            errors.Add($"{key}:Expected", "list the expected scenarios, or set MinCount");
        }

        if (Expected.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{key}:Expected", "must not contain empty names");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url);
}
