using System.CommandLine;
using System.CommandLine.Parsing;

namespace HealthGate.Cli.Preflight;

/// <summary>
/// The options of <c>preflight</c> that decide how a launch may go ahead: an override by id, waiting for its
/// approvals, and the live confirmation without a terminal. The typed names of the old flow are refused by name.
/// </summary>
internal sealed class LaunchOptions
{
    public const string NewFlow = "approvals are given by each approver with their own credential: healthgate override approve ID";

    public const int MaxWaitSeconds = 3600;

    public Option<bool> ForceStart { get; } = new("--force-start") { Description = "On P1_FAIL, use an approved force_start override (--override ID) and exit 0 once the gate accepts its use." };

    public Option<bool> Skip { get; } = new("--skip-health-check") { Description = "Do not run the checks: use an approved skip_health_check override (--override ID); live also needs a sentence typed at a terminal." };

    public Option<long?> Override { get; } = new("--override") { Description = "The id of the approved override to use (from healthgate override request).", HelpName = "ID" };

    public Option<int?> Wait { get; } = new("--wait") { Description = "Seconds to wait for the override's approvals, looking every 2 s (default: look once).", HelpName = "SECONDS" };

    public Option<string?> KeyFile { get; } = new("--key-file") { Description = $"A file whose first line is your key, sent as X-Api-Key (instead of {CliContext.ApiKeyVariable}).", HelpName = "PATH" };

    public Option<bool> NonInteractive { get; } = new("--non-interactive") { Description = "Never prompt. A live launch is then confirmed only with --yes." };

    public Option<bool> Yes { get; } = new("--yes") { Description = "With --non-interactive: the live launch's confirmation, given on the command line and logged as such." };

    /// <summary>The old flow's options: still parsed, so that giving one is refused with what replaced it.</summary>
    private Option<string[]> Operator { get; } = new("--operator") { Hidden = true, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    private Option<string[]> Approver { get; } = new("--approver") { Hidden = true, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    private Option<string[]> Ticket { get; } = new("--ticket") { Hidden = true, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    private Option<string[]> Reason { get; } = new("--reason") { Hidden = true, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    public IEnumerable<Option> All => [ForceStart, Skip, Override, Wait, KeyFile, NonInteractive, Yes, Operator, Approver, Ticket, Reason];

    public void Validate(CommandResult result, Option<bool> json)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var retired in new[] { Operator, Approver })
        {
            if (result.GetResult(retired) is not null)
            {
                result.AddError($"{retired.Name} is no longer accepted: typed names are not evidence; {NewFlow}");
            }
        }

        foreach (var moved in new[] { Ticket, Reason })
        {
            if (result.GetResult(moved) is not null)
            {
                result.AddError($"{moved.Name} belongs to the override now: healthgate override request … {moved.Name} …; {NewFlow}");
            }
        }

        var forced = result.GetValue(ForceStart);
        var skipped = result.GetValue(Skip);
        if (forced && skipped)
        {
            result.AddError("--force-start and --skip-health-check exclude each other");
        }

        if ((forced || skipped) && result.GetValue(Override) is null)
        {
            result.AddError($"{(forced ? "--force-start" : "--skip-health-check")} needs --override ID: request it with healthgate override request; {NewFlow}");
        }

        if (!forced && !skipped && result.GetResult(Override) is not null)
        {
            result.AddError("--override goes with --force-start or --skip-health-check");
        }

        if (result.GetValue(Wait) is { } wait && (wait is < 1 or > MaxWaitSeconds || result.GetValue(Override) is null))
        {
            result.AddError($"--wait needs --override and must be between 1 and {MaxWaitSeconds} seconds");
        }

        if (result.GetValue(Override) is <= 0)
        {
            result.AddError("--override must be a positive override id");
        }

        if (result.GetValue(Yes) && !result.GetValue(NonInteractive))
        {
            result.AddError("--yes needs --non-interactive: at a terminal, type YES when asked; without one, give both --non-interactive --yes");
        }

        if (result.GetValue(json) && (forced || skipped))
        {
            result.AddError("--json is for machines: standard output holds the preflight JSON alone, so it cannot be combined with --force-start or --skip-health-check");
        }
    }
}
