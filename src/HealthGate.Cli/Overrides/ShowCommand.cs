using System.CommandLine;
using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Overrides;

/// <summary><c>healthgate override show ID</c>: the override as the gate holds it — who asked, who decided, where it stands.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var gateOptions = new GateOptions(OverrideCommand.DefaultTimeoutSeconds);
        var id = OverrideCommand.IdArgument();
        var command = new Command("show", "Show an override: requester, approvals with their roles, state.") { id };
        foreach (var option in gateOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => GateCommand.RunAsync(context, gateOptions, parse, "override show", async gate =>
        {
            var overrideId = parse.GetValue(id);
            var answer = await gate.GetAsync(GateJson.OverridePath(overrideId), cancellationToken);
            if (answer.Status != 200)
            {
                return GateCommand.Refused(context, "override show", answer);
            }

            OverrideCommand.Show(context.Terminal.Ansi, OverrideCommand.Read(answer, overrideId));
            return 0;
        }));
        return command;
    }
}
