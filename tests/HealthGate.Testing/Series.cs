namespace HealthGate.Testing;

/// <summary>One sample line of a scrape, with its label values unescaped.</summary>
public sealed record Series(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
