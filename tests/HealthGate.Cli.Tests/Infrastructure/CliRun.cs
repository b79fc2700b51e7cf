namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>Runs <c>healthgate</c> in-process with a test terminal, an environment of its own and a chosen clock.</summary>
internal sealed class CliRun
{
    public TestTerminal Terminal { get; init; } = new(interactive: false);

    public string? ApiKey { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var environment = new Dictionary<string, string?> { [CliContext.ApiKeyVariable] = ApiKey };
        var context = new CliContext(Terminal, name => environment.GetValueOrDefault(name), Time);
        var exitCode = await HealthGateCommand.RunAsync(args, context);
        return new CliResult(exitCode, Terminal.Output, Terminal.Errors);
    }
}
