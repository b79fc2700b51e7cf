namespace HealthGate.Checks;

/// <summary>One valid, enabled check from configuration.</summary>
internal sealed record CheckDefinition(string Name, CheckTier Tier, CheckType Type, CheckOptions Options);
