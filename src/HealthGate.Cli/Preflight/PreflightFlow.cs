using HealthGate.Cli.Acceptance;
using HealthGate.Cli.Gate;
using HealthGate.Cli.Overrides;
using HealthGate.Cli.Reports;
using Spectre.Console;

namespace HealthGate.Cli.Preflight;

/// <summary>
/// One <c>healthgate preflight</c>: ask the gate, accept a GO only when it can be checked (<see cref="GoAcceptance"/>),
/// show the table and the banner (or the JSON), write the report, then either hand over to an override, or end a
/// live GO with the operator's confirmation (<see cref="LaunchConfirmation"/>). Returns the process exit code.
/// </summary>
internal sealed class PreflightFlow(CliContext context, PreflightSettings settings)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string? apiKey;
        try
        {
            apiKey = GateOptions.ApiKey(context, settings.KeyFile);
        }
        catch (SecretFileException ex)
        {
            context.Terminal.Error.WriteLine($"healthgate: {ex.Message}");
            return Verdicts.AbortExitCode;
        }

        using var gate = new GateClient(settings.Url, apiKey, settings.Timeout, context.Time);
        var session = new LaunchSession(context, settings, gate, new OperationalLog(settings.ReportDirectory));
        try
        {
            if (settings.SkipHealthCheck)
            {
                return await new SkipHealthCheck(session).RunAsync(cancellationToken);
            }

            // A second run only when the first verdict expired while a force-start's approvals were awaited.
            for (var run = 1; ; run++)
            {
                PreflightAnswer answer;
                try
                {
                    answer = await FetchAsync(gate, cancellationToken);
                }
                catch (GateAbortException ex)
                {
                    return session.Abort(ex.Message);
                }

                try
                {
                    await new GoAcceptance(gate, settings.Acceptance, context.Time).AcceptAsync(answer, cancellationToken);
                }
                catch (GateAbortException ex)
                {
                    return session.Abort(ex.Message, answer.Report);
                }

                if (await ConcludeAsync(session, answer.Report, mayRunAgain: run == 1, cancellationToken) is { } exitCode)
                {
                    return exitCode;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return session.Abort("interrupted before a decision was reached");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fails closed: whatever went wrong, no verdict means no launch, said in one line rather than a stack trace.
            return session.Abort($"unexpected error: {ex.GetType().Name}: {OneLine.Of(ex.Message)}");
        }
    }

    /// <summary>The exit code; null when the preflight should run again (see <see cref="ForceStart"/>).</summary>
    private async Task<int?> ConcludeAsync(LaunchSession session, PreflightReport report, bool mayRunAgain, CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        if (settings.Json)
        {
            terminal.Out.WriteLine(report.Json);
        }
        else
        {
            ResultView.ShowTable(terminal.Ansi, report);
        }

        var reports = new ReportDirectory(settings.ReportDirectory, context.Time);
        string file;
        try
        {
            file = reports.Write(report, session.Gate.Display);
            reports.Prune();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return session.Abort($"cannot write the report into '{settings.ReportDirectory}': {OneLine.Of(ex.Message)}", report);
        }

        if (!settings.Json)
        {
            ResultView.ShowVerdict(terminal.Ansi, report, file, settings.ForceStart ? settings.OverrideId : null);
        }

        if (!Verdicts.TryParse(report.Verdict, out var verdict) || verdict == Verdict.P0Fail)
        {
            return settings.ForceStart
                ? session.Refuse(OverrideRequest.ForceStart, "P0 failures have no override; --force-start does not apply", report)
                : report.ExitCode;
        }

        if (verdict == Verdict.P1Fail)
        {
            return settings.ForceStart ? await new ForceStart(session).RunAsync(report, file, mayRunAgain, cancellationToken) : report.ExitCode;
        }

        if (settings.ForceStart)
        {
            terminal.Ansi.MarkupLine(Markup.Escape($"Nothing to force: the verdict is {report.Verdict}; override {settings.OverrideId} was not used."));
        }

        if (!new LaunchConfirmation(session).Confirm(report))
        {
            return Verdicts.AbortExitCode;
        }

        return report.IsExpiredAt(context.Time.GetUtcNow())
            ? session.Abort($"the gate's {report.Verdict} for run {report.RunId} expired at {Timestamps.ToText(report.ExpiresAt!.Value)} while the launch was being confirmed; run the preflight again", report)
            : report.ExitCode;
    }

    /// <summary>The spinner only where a person watches; a pipe or a log file gets no animation.</summary>
    private Task<PreflightAnswer> FetchAsync(GateClient gate, CancellationToken cancellationToken)
    {
        if (!context.Terminal.IsInteractive || settings.Json)
        {
            return gate.PreflightAsync(settings.Mode, cancellationToken);
        }

        return context.Terminal.Ansi.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Markup.Escape($"Running the {settings.Mode} preflight at {gate.Display}…"), _ => gate.PreflightAsync(settings.Mode, cancellationToken));
    }
}
