using HealthGate.Checks;

namespace HealthGate.Health;

/// <summary>A leader's readiness run as followers take it: raw for the observers, smoothed for the readiness answer.</summary>
internal sealed record LedRun(CheckRun Raw, CheckRun Smoothed);
