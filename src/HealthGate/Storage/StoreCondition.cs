using HealthGate.Checks;
using HealthGate.Health;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// The store is writable: the latest write succeeded (a failed record turns it at once), and one ended within three
/// probe periods and the write timeout (else the probe has stalled and nothing is known).
/// </summary>
internal sealed class StoreCondition(StoreWriteState state, IOptions<StorageOptions> options) : ISelfCondition
{
    public const string NoWriteYet = "no_write_yet";
    public const string WriteFailed = "write_failed";

    public string Name => "store";

    public SelfCondition Evaluate(DateTimeOffset now)
    {
        var storage = options.Value;
        if (state.Latest is not { } latest)
        {
            return SelfCondition.Unhealthy(NoWriteYet, $"no write to the {storage.Provider} store has completed yet");
        }

        var age = (now - latest.At).TotalSeconds;
        if (!latest.Succeeded)
        {
            var since = latest.FailingSince ?? latest.At;
            return SelfCondition.Unhealthy(WriteFailed, $"the latest write to the {storage.Provider} store failed {age:F0} s ago, writes failing since {since.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z: {latest.Error}");
        }

        // A probe may take up to the write timeout to succeed: a slow store is not a stalled probe.
        var maxAge = (storage.ProbePeriod * 3) + storage.WriteTimeout;
        return now - latest.At > maxAge
            ? SelfCondition.Unhealthy(Reasons.StaleResult, $"no write to the {storage.Provider} store for {age:F0} s, more than three probe periods and the write timeout ({maxAge.TotalSeconds:F0} s): the probe has stalled")
            : SelfCondition.Healthy($"the latest write to the {storage.Provider} store succeeded {age:F0} s ago");
    }
}
