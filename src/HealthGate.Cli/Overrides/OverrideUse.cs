using HealthGate.Cli.Gate;
using HealthGate.Cli.Preflight;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// The two ends of an override that <c>preflight</c> shares between force-start and skip: read it (waiting for its
/// approvals when asked) and check it fits, then <c>POST /overrides/{id}/use</c>, which the gate answers 200 once.
/// </summary>
internal sealed class OverrideUse(LaunchSession session, string kind)
{
    /// <summary>The approved override, or the refusal (exit 1) when it cannot be read or may not be used here.</summary>
    public async Task<(OverrideRecord? Record, int ExitCode)> ApprovedAsync(PreflightReport? report, CancellationToken cancellationToken)
    {
        var settings = session.Settings;
        var id = settings.OverrideId ?? throw new InvalidOperationException("the command line requires --override with an override flag");
        OverrideRecord record;
        try
        {
            record = await new OverrideWait(session.Gate, session.Context.Time, session.Context.Terminal.Ansi).WaitAsync(id, settings.Wait, cancellationToken);
        }
        catch (GateAbortException ex)
        {
            return (null, session.Refuse(kind, $"override {id} could not be read: {ex.Message}", report));
        }

        return OverrideCheck.Problem(record, kind, settings.Mode, settings.Wait) is { } problem
            ? (null, session.Refuse(kind, problem, report, record))
            : (record, 0);
    }

    /// <summary>The override as used (state <c>used</c>), or the refusal (exit 1) naming the gate's reason.</summary>
    public async Task<(OverrideRecord? Used, int ExitCode)> UseAsync(OverrideRecord approved, PreflightReport? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approved);
        try
        {
            var answer = await session.Gate.PostAsync($"{GateJson.OverridePath(approved.Id)}/use", new UseRequest(report?.RunId), cancellationToken);
            if (answer.Status != 200)
            {
                return (null, session.Refuse(kind, $"the gate did not let override {approved.Id} be used: {answer.Refusal}", report, approved));
            }

            var used = GateJson.Override(answer);
            return used.Id == approved.Id && used.State == OverrideStates.Used
                ? (used, 0)
                : (null, session.Refuse(kind, $"the gate answered the use of override {approved.Id} with override {used.Id} in state {used.State}, not used", report, approved));
        }
        catch (GateAbortException ex)
        {
            return (null, session.Refuse(kind, $"override {approved.Id} could not be used: {ex.Message}", report, approved));
        }
    }
}
