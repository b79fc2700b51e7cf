using HealthGate.Cli.Gate;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// Reads an override from the gate and, with <c>--wait</c>, polls it every <see cref="Interval"/> (on the CLI's
/// clock) while it is pending, until it is decided or the wait is over. Without <c>--wait</c> it looks once.
/// </summary>
internal sealed class OverrideWait(GateClient gate, TimeProvider time, IAnsiConsole console)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public async Task<OverrideRecord> WaitAsync(long id, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var record = await ReadAsync(id, cancellationToken);
        var shown = "";
        while (record.State == OverrideStates.Pending && wait is { } limit)
        {
            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var awaiting = OverrideText.Awaiting(record);
            if (awaiting != shown)
            {
                console.MarkupLine(Markup.Escape(
                    $"Override {id} is pending: approved by {OverrideText.ApprovedBy(record)}; awaiting {awaiting}. Waiting up to {remaining.TotalSeconds:0} s more…"));
                shown = awaiting;
            }

            await Task.Delay(remaining < Interval ? remaining : Interval, time, cancellationToken);
            record = await ReadAsync(id, cancellationToken);
        }

        return record;
    }

    /// <summary><c>GET /overrides/{id}</c>: the override, or a <see cref="GateAbortException"/> saying why there is none.</summary>
    public async Task<OverrideRecord> ReadAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await gate.GetAsync(GateJson.OverridePath(id), cancellationToken);
        if (answer.Status != 200)
        {
            throw new GateAbortException($"reading override {id} answered {answer.Refusal}");
        }

        var record = GateJson.Override(answer);
        return record.Id == id ? record : throw new GateAbortException($"asked for override {id}, the gate answered override {record.Id}");
    }
}
