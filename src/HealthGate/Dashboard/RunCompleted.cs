
namespace HealthGate.Dashboard;

/// <summary>The data of a <c>run</c> event: a readiness run (no mode, id or verdict) or a preflight finished.</summary>
internal sealed record RunCompleted(string Source, string Status, DateTimeOffset At, double DurationMs, int Checks, string? Mode = null, string? RunId = null, string? Verdict = null, int? ExitCode = null);
