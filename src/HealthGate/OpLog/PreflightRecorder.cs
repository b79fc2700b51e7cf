using HealthGate.Checks;
using HealthGate.Preflight;
using HealthGate.Storage;

namespace HealthGate.OpLog;

/// <summary>
/// Records every preflight run in the history before its verdict is answered (so a force-start can name it),
/// and every no-go run in the operational log. A store failure is logged, never thrown into the preflight.
/// </summary>
internal sealed class PreflightRecorder(IGateStore store, SecretRedactor redactor, ILogger<PreflightRecorder> logger) : IPreflightRecorder
{
    public async Task RecordAsync(PreflightRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await store.SaveRunAsync(run, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            StorageLog.RunNotRecorded(logger, run.RunId, redactor.Describe(ex));
        }

        if (run.Verdict.IsGo())
        {
            return;
        }

        try
        {
            var entry = await store.AppendAsync(OpLogFailure.EntryFor(run), cancellationToken);
            StorageLog.FailureLogged(logger, run.RunId, run.Verdict.Token(), entry.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            StorageLog.FailureNotLogged(logger, run.RunId, run.Verdict.Token(), redactor.Describe(ex));
        }
    }
}
