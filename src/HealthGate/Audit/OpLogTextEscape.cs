using System.Globalization;
using System.Text;

namespace HealthGate.Audit;

/// <summary>
/// Keeps any value on one line of the text export and gives it back exactly: <c>\\</c>, <c>\n</c>, <c>\r</c>,
/// <c>\t</c>, <c>\s</c> (a space at either end, which editors and mail trim), <c>\uXXXX</c> (other control, line
/// separator and unpaired surrogate characters, and other white space at either end), and <c>\</c> before any
/// character a field uses as a delimiter (<paramref name="delimiters"/>).
/// </summary>
internal static class OpLogTextEscape
{
    public static string Escape(string value, string delimiters = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var atEdge = i == 0 || i == value.Length - 1;
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                case ' ' when atEdge: text.Append(@"\s"); break;
                case var _ when delimiters.Contains(c, StringComparison.Ordinal): text.Append('\\').Append(c); break;
                case var _ when NeedsCode(value, i, atEdge): text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"); break;
                default: text.Append(c); break;
            }
        }

        return text.ToString();
    }

    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i]);
                continue;
            }

            if (++i == text.Length)
            {
                throw new FormatException($"'{text}' ends inside an escape");
            }

            switch (text[i])
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 's': value.Append(' '); break;
                case 'u' when i + 4 < text.Length && ushort.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    i += 4;
                    break;
                case 'u': throw new FormatException($"'{text}' has a \\u escape without four hex digits");
                default: value.Append(text[i]); break;
            }
        }

        return value.ToString();
    }

    /// <summary>The index of the first <paramref name="delimiter"/> in <paramref name="text"/> that is not escaped, or -1.</summary>
    public static int IndexOfUnescaped(string text, char delimiter, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == delimiter)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NeedsCode(string value, int i, bool atEdge)
    {
        var c = value[i];
        if (char.IsControl(c) || c is '\u2028' or '\u2029' || (atEdge && char.IsWhiteSpace(c)))
        {
            return true;
        }

        // A lone surrogate cannot be written as UTF-8; its code keeps it exact.
        return char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
            : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
    }
}
