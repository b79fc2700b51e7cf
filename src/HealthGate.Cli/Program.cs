namespace HealthGate.Cli;

/// <summary>The <c>healthgate</c> launcher: the real terminal, environment and clock.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        Contracts.InvariantCulture.Pin();
        return HealthGateCommand.RunAsync(args, CliContext.ForSystem());
    }
}
