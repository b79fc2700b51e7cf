namespace HealthGate.Cli.Gate;

/// <summary>
/// When the CLI sent a request and when its answer was in, by the launcher's clock: a run the answer describes
/// must have started between the two, or it is not the run this request asked for.
/// </summary>
internal sealed record RequestWindow(DateTimeOffset Sent, DateTimeOffset Answered);
