using HealthGate.Checks;

namespace HealthGate.Health;

/// <summary>One published run with its body, and the stale body it turns into once it is too old.</summary>
internal sealed class ReadinessSnapshot(CheckRun run, ReadinessBody published)
{
    // The stale body depends only on the run and the maximum age, so a stalled publisher costs one write, not one per probe.
    private volatile StaleReadinessBody? _stale;

    public CheckRun Run { get; } = run;

    public ReadinessBody Published { get; } = published;

    public ValueTask<ReadinessBody> StaleAsync(DateTimeOffset now, TimeSpan maxAge) =>
        _stale is { } stale && stale.MaxAge == maxAge ? ValueTask.FromResult(stale.Body) : new(WriteStaleAsync(now, maxAge));

    private async Task<ReadinessBody> WriteStaleAsync(DateTimeOffset now, TimeSpan maxAge)
    {
        var body = await ReadinessBody.WriteAsync(ReadinessReport.From(Run, now, maxAge));
        _stale = new StaleReadinessBody(maxAge, body);
        return body;
    }
}
