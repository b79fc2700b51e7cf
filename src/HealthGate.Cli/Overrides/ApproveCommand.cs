using System.CommandLine;
using HealthGate.Cli.Gate;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// <c>healthgate override approve ID [--reject]</c>: one person's decision, signed by their own credential (the key
/// sent is the only thing that says who decides). Prints where the override stands: roles filled and awaited.
/// </summary>
internal static class ApproveCommand
{
    public static Command Create(CliContext context)
    {
        var gateOptions = new GateOptions(OverrideCommand.DefaultTimeoutSeconds);
        var id = OverrideCommand.IdArgument();
        var reject = new Option<bool>("--reject") { Description = "Reject the override instead: it can then never be used." };
        var comment = new Option<string?>("--comment") { Description = "Why, kept with your decision." };
        var command = new Command("approve", "Approve (or --reject) an override with your own credential (HEALTHGATE_API_KEY or --key-file).")
        {
            id, reject, comment,
        };
        foreach (var option in gateOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => GateCommand.RunAsync(context, gateOptions, parse, "override approve", async gate =>
        {
            var overrideId = parse.GetValue(id);
            var decision = parse.GetValue(reject) ? OpLogEvents.Reject : OpLogEvents.Approve;
            var answer = await gate.PostAsync(
                $"{GateJson.OverridePath(overrideId)}/approvals", new ApprovalRequest(decision, parse.GetValue(comment)), cancellationToken);
            if (answer.Status != 200)
            {
                return GateCommand.Refused(context, "override approve", answer);
            }

            var record = OverrideCommand.Read(answer, overrideId);
            var console = context.Terminal.Ansi;
            console.MarkupLine(Markup.Escape($"Override {record.Id}: {(decision == OpLogEvents.Reject ? "rejected" : "approval recorded")} — state {record.State}"));
            console.MarkupLine(Markup.Escape($"Approved by: {OverrideText.ApprovedBy(record)}"));
            console.MarkupLine(Markup.Escape($"Awaiting: {OverrideText.Awaiting(record)}"));
            return 0;
        }));
        return command;
    }
}
