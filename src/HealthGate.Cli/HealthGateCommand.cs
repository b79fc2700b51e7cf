using System.CommandLine;
using HealthGate.Cli.Audit;
using HealthGate.Cli.Overrides;
using HealthGate.Cli.Preflight;

namespace HealthGate.Cli;

/// <summary>The <c>healthgate</c> root command. A usage error exits 1, like any other refusal to go.</summary>
internal static class HealthGateCommand
{
    public static RootCommand Create(CliContext context) =>
        new("healthgate: the launcher's side of the HealthGate go/no-go gate.")
        {
            PreflightCommand.Create(context),
            OverrideCommand.Create(context),
            AuditCommand.Create(context),
        };

    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configuration = new InvocationConfiguration { Output = context.Terminal.Out, Error = context.Terminal.Error };
        return Create(context).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
