using System.Globalization;
using System.Text;

namespace HealthGate.Contracts;

/// <summary>
/// People compared as people: "Anna", " anna " and the full-width "Ａｎｎａ" are one approver. Names are trimmed,
/// NFKC-normalised and case-folded before "distinct" is decided; a name with control or invisible format
/// characters (U+200B and friends) is refused outright, since it could make one person look like two.
/// </summary>
public static class PersonNames
{
    /// <summary>The form two names are compared in.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().Normalize(NormalizationForm.FormKC).ToUpperInvariant().ToLowerInvariant();
    }

    public static bool SamePerson(string? a, string? b) => a is not null && b is not null && Key(a) == Key(b);

    /// <summary>True when the name holds a control, format, separator-other-than-space or private-use character.</summary>
    public static bool HasHiddenCharacters(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate
                or UnicodeCategory.OtherNotAssigned)
            {
                return true;
            }
        }

        // An unpaired surrogate does not enumerate as a rune of its own; it arrives as the replacement character.
        return name.Contains('\uFFFD', StringComparison.Ordinal);
    }

    /// <summary>The names as given (trimmed), each person once, in order, blanks dropped.</summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string?>? names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in names ?? [])
        {
            if (!string.IsNullOrWhiteSpace(name) && seen.Add(Key(name)))
            {
                result.Add(name.Trim());
            }
        }

        return result;
    }
}
