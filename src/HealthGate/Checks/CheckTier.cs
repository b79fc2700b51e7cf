namespace HealthGate.Checks;

/// <summary>How much a failing check blocks: P0 blocks with no override, P1 blocks unless overridden, P2 warns.</summary>
internal enum CheckTier
{
    P0,
    P1,
    P2,
}

internal static class CheckTiers
{
    public static IReadOnlyList<CheckTier> All { get; } = [CheckTier.P0, CheckTier.P1, CheckTier.P2];

    /// <summary>Parses "P0", "p1"...; numeric strings are refused so that "0" is not silently a tier.</summary>
    public static bool TryParse(string? value, out CheckTier tier)
    {
        tier = default;
        return value is { Length: 2 } && (value[0] is 'P' or 'p') && Enum.TryParse(value, ignoreCase: true, out tier)
            && Enum.IsDefined(tier);
    }
}
