using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>
/// Turns a failed start into a short message, instead of a stack trace: each bad key for a configuration error
/// (exit 78), the cause's message chain for anything else (exit 1, e.g. a listen address already in use).
/// </summary>
internal static class StartupFailure
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong, retrying will not help.</summary>
    public const int ConfigurationExitCode = 78;

    public const int OtherFailureExitCode = 1;

    public static int Report(Exception exception, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(output);
        var failures = Flatten(exception).ToList();
        var validation = failures.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        var configuration = IsConfigurationError(exception);
        output.WriteLine(configuration ? "HealthGate cannot start: the configuration is invalid." : "HealthGate cannot start.");
        foreach (var message in validation.Count > 0 ? validation : failures.Select(Chain))
        {
            output.WriteLine($"  - {message}");
        }

        return configuration ? ConfigurationExitCode : OtherFailureExitCode;
    }

    public static bool IsConfigurationError(Exception exception) =>
        Flatten(exception).Any(e => e is OptionsValidationException or InvalidOperationException or FormatException or InvalidDataException);

    /// <summary>The message with its causes: a file that failed to load says why (e.g. which key is duplicated).</summary>
    private static string Chain(Exception exception) =>
        exception.InnerException is { } inner && !exception.Message.Contains(inner.Message, StringComparison.OrdinalIgnoreCase)
            ? $"{exception.Message} {Chain(inner)}"
            : exception.Message;

    private static IEnumerable<Exception> Flatten(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten),
        _ => [exception],
    };
}
