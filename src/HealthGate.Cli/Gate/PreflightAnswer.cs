namespace HealthGate.Cli.Gate;

/// <summary>The gate's verdict for one request, with that request's own time window.</summary>
internal sealed record PreflightAnswer(PreflightReport Report, RequestWindow Window);
