using System.Collections;
using HealthGate.Runs;

namespace HealthGate.Preflight;

/// <summary>
/// Events 4002 (the run's history row could not be written) and 4003 (a no-go's operational log entry could not be):
/// the whole answered run rides along as the structured property <c>Run</c>, so a run the store did not take is not
/// lost. It stays out of the message (a run in every rendered line would double the log), which a
/// <c>[LoggerMessage]</c> method cannot express: hence this state, read by Serilog as any event's properties.
/// </summary>
internal static class RunNotRecordedLog
{
    public static readonly EventId RunRow = new(4002, "RunNotRecorded");
    public static readonly EventId OpLogEntry = new(4003, "FailureNotLogged");

    private const string Template = "Preflight {RunId} ({Mode}; its checks said {ChecksVerdict}) could not be recorded: {Error}. "
        + "Answered as run {AnsweredRunId}, P0_FAIL record_failed; the whole run is in the event's Run property";

    public static void Write(ILogger logger, PreflightRun attempted, PreflightRun answered, string failed, string error, object? run)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(attempted);
        ArgumentNullException.ThrowIfNull(answered);
        if (!logger.IsEnabled(LogLevel.Error))
        {
            return;
        }

        var state = new State(attempted.RunId, attempted.Mode, attempted.Verdict.Token(), error, answered.RunId, failed, run);
        logger.Log(LogLevel.Error, failed == UnrecordedRun.OpLogEntry ? OpLogEntry : RunRow, state, null, static (s, _) => s.ToString());
    }

    private sealed class State(string runId, string mode, string checksVerdict, string error, string answeredRunId, string failed, object? run)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _properties =
        [
            new("RunId", runId),
            new("Mode", mode),
            new("ChecksVerdict", checksVerdict),
            new("Error", error),
            new("AnsweredRunId", answeredRunId),
            new("Failed", failed),

            // "@": Serilog destructures it into the event as a JSON object, not a string.
            new("@Run", run),
            new("{OriginalFormat}", Template),
        ];

        public int Count => _properties.Length;

        public KeyValuePair<string, object?> this[int index] => _properties[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_properties).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() =>
            $"Preflight {runId} ({mode}; its checks said {checksVerdict}) could not be recorded: {error}. "
            + $"Answered as run {answeredRunId}, P0_FAIL record_failed; the whole run is in the event's Run property";
    }
}
