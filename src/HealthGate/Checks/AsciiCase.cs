namespace HealthGate.Checks;

/// <summary>
/// Equality that folds ASCII letters only. Ordinal-ignore-case would also fold non-ASCII look-alikes such as the
/// dotless ı onto I, and a level a backend did not literally send must never match an allowed one.
/// </summary>
internal static class AsciiCase
{
    public static bool Equals(string? a, string? b)
    {
        if (a is null || b is null || a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && (!char.IsAsciiLetter(a[i]) || (a[i] | 0x20) != (b[i] | 0x20)))
            {
                return false;
            }
        }

        return true;
    }
}
