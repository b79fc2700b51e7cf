using System.Globalization;
using System.Text;

namespace HealthGate.Auth;

/// <summary>
/// The rules a person's display name obeys, so that two people can never look alike on an approval: no invisible or
/// unassigned code point, no mix of look-alike scripts, and distinct from every other name after NFKC and case folding.
/// </summary>
internal static class DisplayNames
{
    /// <summary>Why <paramref name="name"/> is refused, or null when it is acceptable on its own.</summary>
    public static string? Refusal(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "must not be empty";
        }

        foreach (var rune in name.EnumerateRunes())
        {
            // An unpaired surrogate enumerates as U+FFFD; either way the name was mis-decoded (and Normalize would throw).
            if (rune == Rune.ReplacementChar)
            {
                return "holds U+FFFD or an unpaired surrogate: the name was mis-decoded";
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                    or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || IsDefaultIgnorable(rune.Value) || rune.Value == 0x2800)
            {
                return $"holds U+{rune.Value:X4}, a control, format, private-use, unassigned or invisible code point";
            }
        }

        var scripts = Scripts(name.Normalize(NormalizationForm.FormKC));
        return scripts.Count > 1
            ? $"mixes the {string.Join(" and ", scripts)} scripts, whose letters look alike (e.g. Cyrillic 'О' and Latin 'O')"
            : null;
    }

    /// <summary>
    /// The name as compared with other names: NFKC, then a case fold as upper-then-lower invariant casing with the
    /// one multi-letter fold that matters for names added by hand (ß, ẞ to ss). .NET has no full case folding, so
    /// other one-to-many folds (e.g. the ligature 'ﬀ' is handled by NFKC, but U+0130 'İ' is not folded to 'i̇') are
    /// not covered here; <see cref="AreSame"/> adds ICU's case- and width-insensitive comparison to narrow that gap.
    /// </summary>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folded = name.Normalize(NormalizationForm.FormKC).ToUpperInvariant().ToLowerInvariant()
            .Replace("ß", "ss", StringComparison.Ordinal);
        // Whitespace runs and ends do not tell two names apart on a screen.
        return string.Join(' ', folded.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Two names a reader could take for one another.</summary>
    public static bool AreSame(string a, string b)
    {
        var (fa, fb) = (Fold(a), Fold(b));
        return string.Equals(fa, fb, StringComparison.Ordinal)
            || CultureInfo.InvariantCulture.CompareInfo.Compare(fa, fb, CompareOptions.IgnoreCase | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth) == 0;
    }

    /// <summary>Default-ignorable code points (they render as nothing), listed explicitly so the rule is reviewable.</summary>
    internal static bool IsDefaultIgnorable(int c) =>
        c is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0
        || c is >= 0x180B and <= 0x180F
        || c is >= 0x200B and <= 0x200F
        || c is >= 0x202A and <= 0x202E
        || c is >= 0x2060 and <= 0x206F
        || c is >= 0xFE00 and <= 0xFE0F
        || c is >= 0xFFF0 and <= 0xFFF8
        || c is >= 0x1BCA0 and <= 0x1BCA3
        || c is >= 0x1D173 and <= 0x1D17A
        || c is >= 0xE0000 and <= 0xE0FFF;

    private static SortedSet<string> Scripts(string name)
    {
        var scripts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rune in name.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            var script = rune.Value switch
            {
                (>= 0x41 and <= 0x5A) or (>= 0x61 and <= 0x7A) or (>= 0xC0 and <= 0x24F) or (>= 0x1E00 and <= 0x1EFF)
                    or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF) => "Latin",
                (>= 0x370 and <= 0x3FF) or (>= 0x1F00 and <= 0x1FFF) => "Greek",
                (>= 0x400 and <= 0x52F) or (>= 0x1C80 and <= 0x1C8F) or (>= 0x2DE0 and <= 0x2DFF) or (>= 0xA640 and <= 0xA69F) => "Cyrillic",
                _ => null,
            };
            if (script is not null)
            {
                scripts.Add(script);
            }
        }

        return scripts;
    }
}
