namespace HealthGate.Metrics;

/// <summary>One label of a sample; the value is escaped when written.</summary>
internal readonly record struct Label(string Name, string Value);
