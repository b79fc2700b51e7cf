using System.CommandLine;

namespace HealthGate.Cli.Gate;

/// <summary>
/// Runs a command that asks the gate one thing (override request/approve/show, audit verify): the key file that cannot
/// be read, the gate that cannot be reached or answers garbage, each becomes one line on standard error and exit 1.
/// </summary>
internal static class GateCommand
{
    public static async Task<int> RunAsync(CliContext context, GateOptions options, ParseResult parse, string what, Func<GateClient, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            using var gate = options.Client(context, parse);
            return await action(gate);
        }
        catch (SecretFileException ex)
        {
            context.Terminal.Error.WriteLine($"healthgate: {ex.Message}");
        }
        catch (GateAbortException ex)
        {
            context.Terminal.Error.WriteLine($"healthgate: {what} FAILED — {ex.Message}");
        }

        return Verdicts.AbortExitCode;
    }

    /// <summary>The gate said no: its status and reason on one line, exit 1.</summary>
    public static int Refused(CliContext context, string what, GateAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answer);
        context.Terminal.Error.WriteLine($"healthgate: {what} REFUSED — {answer.Refusal}");
        return Verdicts.AbortExitCode;
    }
}
