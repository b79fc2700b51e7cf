using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Acceptance;

/// <summary>
/// Accepts a GO only when it can be checked (<see cref="GoRules"/>) and the gate gives it back unchanged from its
/// history (<see cref="ReadBackRules"/>): a GO the gate did not record is not a GO. Anything else is a hard abort
/// naming every rule that did not hold. A NO-GO needs none of this: it stops the launch whatever it carries.
/// </summary>
internal sealed class GoAcceptance(GateClient gate, AcceptanceRules rules, TimeProvider time)
{
    public async Task AcceptAsync(PreflightAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var report = answer.Report;
        if (!Verdicts.TryParse(report.Verdict, out var verdict))
        {
            // The reader lets no such answer through; should one arrive anyway, it is refused, never waved on.
            throw Refused(report, $"'{report.Verdict}' is not a verdict");
        }

        if (!verdict.IsGo())
        {
            return;
        }

        var broken = GoRules.Broken(report, answer.Window, rules);
        if (broken.Count > 0)
        {
            throw Refused(report, string.Join("; ", broken));
        }

        var recorded = await ReadBackAsync(report, cancellationToken);
        var differences = ReadBackRules.Differences(report, recorded);
        if (differences.Count > 0)
        {
            throw Refused(report, $"the run read back from {Where(report)} is not the one answered: {string.Join("; ", differences)}");
        }

        if (report.IsExpiredAt(time.GetUtcNow()))
        {
            throw Refused(report, $"it expired at {Timestamps.ToText(report.ExpiresAt!.Value)} while it was being read back");
        }
    }

    private async Task<PreflightReport> ReadBackAsync(PreflightReport report, CancellationToken cancellationToken)
    {
        GateAnswer answer;
        try
        {
            answer = await gate.ReadRunAsync(report.RunId, cancellationToken);
        }
        catch (GateAbortException ex)
        {
            throw Refused(report, $"it could not be read back from {Where(report)}: {ex.Message}");
        }

        if (answer.Status != 200)
        {
            throw Refused(report, $"reading it back from {Where(report)} answered {answer.Cause}: a GO the gate did not record is not a GO");
        }

        try
        {
            return PreflightReportReader.ReadRecorded(answer.Body);
        }
        catch (GateAbortException ex)
        {
            throw Refused(report, $"what {Where(report)} answered is not a run: {ex.Message}");
        }
    }

    private string Where(PreflightReport report) => $"{gate.Display}/{GateClient.RunPath(report.RunId)}";

    private static GateAbortException Refused(PreflightReport report, string what) =>
        new($"the gate's {report.Verdict} for run {report.RunId} is not accepted: {what}");
}
