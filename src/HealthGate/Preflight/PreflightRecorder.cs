using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Logging;
using HealthGate.Runs;
using HealthGate.Secrets;
using HealthGate.Storage;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HealthGate.Preflight;

/// <summary>
/// Records every preflight run in the history before its verdict is answered (so a force-start can name it), and
/// every no-go run in the operational log. No record, no GO: a run the store did not take, whether it refused, failed
/// or did not finish within <c>Storage:WriteTimeoutMs</c>, is answered as its <see cref="UnrecordedRun"/> (P0_FAIL,
/// <c>record_failed</c>) and written whole to the log (events 4002/4003). Must not throw.
/// </summary>
internal sealed class PreflightRecorder(
    IRunStore runs,
    IOpLogStore opLog,
    SecretRedactor redactor,
    IOptions<JsonOptions> json,
    TimeProvider time,
    ILogger<PreflightRecorder> logger)
{
    public async Task<PreflightRun> RecordAsync(PreflightRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = time.GetTimestamp();
        var step = UnrecordedRun.RunRow;
        try
        {
            await runs.SaveRunAsync(run, cancellationToken);
            if (!run.Verdict.IsGo())
            {
                step = UnrecordedRun.OpLogEntry;
                var entry = await opLog.AppendAsync(RunOpLog.FailureEntry(run), cancellationToken);
                PreflightLog.FailureLogged(logger, run.RunId, run.Verdict.Token(), entry.Seq);
            }

            return run;
        }
        catch (Exception ex)
        {
            // Every failure, a cancellation included: what did not reach the store is not a record.
            var error = redactor.Describe(ex);
            var answered = UnrecordedRun.From(run, step, error, time.GetElapsedTime(started));
            var content = StructuredJson.From(JsonSerializer.SerializeToNode(answered, json.Value.SerializerOptions));
            RunNotRecordedLog.Write(logger, run, answered, step, error, content);
            return answered;
        }
    }
}
