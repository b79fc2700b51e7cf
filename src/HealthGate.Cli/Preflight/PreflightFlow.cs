using HealthGate.Cli.Acceptance;
using HealthGate.Cli.Gate;
using HealthGate.Cli.Overrides;
using HealthGate.Cli.Reports;
using Spectre.Console;

namespace HealthGate.Cli.Preflight;

/// <summary>
/// One <c>healthgate preflight</c>: ask the gate, accept a GO only when it can be checked (<see cref="GoAcceptance"/>),
/// show the table and the banner (or the JSON), write the report, then hand over to an override when one was asked
/// for. Returns the process exit code.
/// </summary>
internal sealed class PreflightFlow(CliContext context, PreflightSettings settings)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var gate = new GateClient(settings.Url, context.ApiKey, settings.Timeout, context.Time);
        var session = new LaunchSession(context, settings, gate, new OperationalLog(settings.ReportDirectory));
        try
        {
            if (settings.SkipHealthCheck)
            {
                return await new SkipHealthCheck(session).RunAsync(cancellationToken);
            }

            if (settings.ForceStart && settings.Approval.Missing(settings.Mode) is { Count: > 0 } missing)
            {
                return session.Refuse(OverrideRequest.ForceStart, $"--force-start in {settings.Mode} mode needs {string.Join(", ", missing)}", Verdicts.AbortExitCode);
            }

            PreflightAnswer answer;
            try
            {
                answer = await FetchAsync(gate, cancellationToken);
            }
            catch (GateAbortException ex)
            {
                return session.Abort(ex.Message);
            }

            var report = answer.Report;
            try
            {
                await new GoAcceptance(gate, settings.Acceptance, context.Time).AcceptAsync(answer, cancellationToken);
            }
            catch (GateAbortException ex)
            {
                return session.Abort(ex.Message, report);
            }

            return await ConcludeAsync(session, report, cancellationToken);
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

    private async Task<int> ConcludeAsync(LaunchSession session, PreflightReport report, CancellationToken cancellationToken)
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
            ResultView.ShowVerdict(terminal.Ansi, report, file, settings.ForceStart);
        }

        return settings.ForceStart ? await new ForceStart(session).RunAsync(report, file, cancellationToken) : report.ExitCode;
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
