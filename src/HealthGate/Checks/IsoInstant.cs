using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthGate.Checks;

/// <summary>
/// An ISO 8601 instant that names its offset (<c>Z</c> or <c>±hh:mm</c>). A time without one would be read in the
/// host's zone, so the same text could mean a different instant on another machine: it is refused.
/// </summary>
internal static partial class IsoInstant
{
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null
            && Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
