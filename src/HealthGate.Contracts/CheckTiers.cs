namespace HealthGate.Contracts;

/// <summary>The tier tokens of the preflight JSON.</summary>
public static class CheckTiers
{
    public const string P0 = "P0";
    public const string P1 = "P1";
    public const string P2 = "P2";

    public static IReadOnlyList<string> All { get; } = [P0, P1, P2];
}
