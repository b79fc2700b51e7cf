using System.CommandLine;
using HealthGate.Cli.Gate;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// <c>healthgate override request</c>: <c>POST /overrides</c> with what the operations documents ask for. Who asks is
/// the caller's credential; nobody's name is typed. The design's rules are checked before sending (the gate checks
/// them again): a force-start names its run; outside paper a ticket, the impact and the mitigation are required.
/// </summary>
internal static class RequestCommand
{
    public static Command Create(CliContext context)
    {
        var gateOptions = new GateOptions(OverrideCommand.DefaultTimeoutSeconds);
        var kind = new Option<string>("--kind") { Description = "force-start (a P1_FAIL run) or skip (no health check).", Required = true };
        kind.AcceptOnlyFromAmong([.. OverrideKinds.Options]);
        var mode = ModeOption.Create("The mode the override is for (paper, live, …).");
        var run = new Option<string?>("--run") { Description = "The P1_FAIL run to force (required for force-start).", HelpName = "RUNID" };
        var reason = new Option<string?>("--reason") { Description = "Why the override is needed.", Required = true };
        var ticket = new Option<string?>("--ticket") { Description = "The ticket documenting it (required outside paper)." };
        var impact = new Option<string?>("--impact") { Description = "The expected impact (required outside paper)." };
        var mitigation = new Option<string?>("--mitigation") { Description = "The mitigation plan (required outside paper)." };
        var command = new Command("request", "Request an override; prints its id and the roles whose approval it awaits.")
        {
            kind, mode, run, reason, ticket, impact, mitigation,
        };
        foreach (var option in gateOptions.All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            // The raw token: an unknown kind is its own error, and reading it as a value would throw here.
            var isForce = result.GetResult(kind)?.Tokens is [{ Value: OverrideKinds.ForceStartOption }];
            var isSkip = result.GetResult(kind)?.Tokens is [{ Value: OverrideKinds.SkipOption }];
            if (isForce && string.IsNullOrWhiteSpace(result.GetValue(run)))
            {
                result.AddError("--run RUNID is required for --kind force-start: the P1_FAIL run the override is for");
            }

            if (isSkip && result.GetResult(run) is not null)
            {
                result.AddError("--run does not apply to --kind skip: a skip has no run");
            }

            if (string.IsNullOrWhiteSpace(result.GetValue(reason)))
            {
                result.AddError("--reason must not be empty");
            }

            if (result.GetValue(mode) is { } modeName && !OverrideKinds.IsRelaxed(modeName))
            {
                var missing = new[] { ticket, impact, mitigation }.Where(o => string.IsNullOrWhiteSpace(result.GetValue(o))).Select(o => o.Name).ToList();
                if (missing.Count > 0)
                {
                    result.AddError($"an override in {modeName} mode needs {string.Join(", ", missing)}");
                }
            }
        });
        command.SetAction((parse, cancellationToken) => GateCommand.RunAsync(context, gateOptions, parse, "override request", async gate =>
        {
            var body = new OverrideRequest(
                OverrideKinds.ToGate(parse.GetRequiredValue(kind)),
                parse.GetRequiredValue(mode),
                parse.GetValue(run),
                Operator: null,
                Approvers: null,
                parse.GetValue(reason),
                parse.GetValue(ticket),
                parse.GetValue(impact),
                parse.GetValue(mitigation));
            var answer = await gate.PostAsync("overrides", body, cancellationToken);
            if (!answer.IsCreated)
            {
                return GateCommand.Refused(context, "override request", answer);
            }

            var record = OverrideCommand.Read(answer);
            var console = context.Terminal.Ansi;
            console.MarkupLine(Markup.Escape($"Override {record.Id} requested: {record.Kind}, mode {record.Mode}{(record.RunId is { } r ? $", run {r}" : "")} — state {record.State}"));
            console.MarkupLine(Markup.Escape($"Awaiting: {OverrideText.Awaiting(record)} · expires {Timestamps.ToText(record.ExpiresAt)}"));
            console.MarkupLine(Markup.Escape($"Each approver, with their own credential: healthgate override approve {record.Id}"));
            var flag = record.Kind == OverrideRequest.ForceStart ? "--force-start" : "--skip-health-check";
            console.MarkupLine(Markup.Escape($"Then: healthgate preflight --mode {record.Mode} {flag} --override {record.Id} --wait 600"));
            return 0;
        }));
        return command;
    }
}
