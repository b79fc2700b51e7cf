using HealthGate.Contracts;
using HealthGate.Runs;

namespace HealthGate.Notify;

/// <summary>Something the planner considers: a completed run, or an override change with its log entry.</summary>
internal sealed record NotifyWork(CompletedRun? Run, OverrideRecord? Override = null, OpLogRecord? Entry = null)
{
    public string Kind => Run is not null ? "run" : "override change";
}
