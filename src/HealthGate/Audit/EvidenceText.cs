using System.Globalization;
using System.Text;

namespace HealthGate.Audit;

/// <summary>Text as the evidence packs draw it: made printable, and wrapped to a width by a measure of the font.</summary>
internal static class EvidenceText
{
    /// <summary>
    /// Lines no wider than <paramref name="width"/>, broken at spaces; the text's own line breaks are kept, and a word
    /// wider than the width on its own breaks between characters (never inside a surrogate pair or a combining mark).
    /// </summary>
    public static List<string> Wrap(string text, double width, Func<string, double> measure)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);
        var lines = new List<string>();
        foreach (var paragraph in Printable(text).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (measure(candidate) <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                foreach (var element in measure(word) <= width ? [word] : TextElements(word))
                {
                    if (line.Length > 0 && measure(line + element) > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }

                    line.Append(element);
                }
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Tabs and other control characters as spaces, a lone surrogate as U+FFFD: the font draws neither.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var printable = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            printable.Append(rune.Value == '\n' ? "\n" : Rune.IsControl(rune) ? " " : rune.ToString());
        }

        return printable.ToString();
    }

    private static IEnumerable<string> TextElements(string word)
    {
        var elements = StringInfo.GetTextElementEnumerator(word);
        while (elements.MoveNext())
        {
            yield return elements.GetTextElement();
        }
    }
}
