namespace HealthGate.Configuration;

/// <summary>The <c>HealthGate</c> section itself, for the start-up check of its top-level keys.</summary>
internal sealed class HealthGateRoot;
