using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Turns a failed start into a short message naming each bad key, instead of a stack trace.</summary>
internal static class StartupFailure
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong, retrying will not help.</summary>
    public const int ConfigurationExitCode = 78;

    public static int Report(Exception exception, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(output);
        var failures = Flatten(exception).ToList();
        var validation = failures.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        output.WriteLine("HealthGate cannot start: the configuration is invalid.");
        foreach (var message in validation.Count > 0 ? validation : failures.Select(Chain))
        {
            output.WriteLine($"  - {message}");
        }

        return ConfigurationExitCode;
    }

    public static bool IsConfigurationError(Exception exception) =>
        Flatten(exception).Any(e => e is OptionsValidationException or InvalidOperationException or FormatException or InvalidDataException);

    /// <summary>The message with its causes: a file that failed to load says why (e.g. which key is duplicated).</summary>
    private static string Chain(Exception exception) =>
        exception.InnerException is { } inner && !exception.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{exception.Message} {Chain(inner)}"
            : exception.Message;

    private static IEnumerable<Exception> Flatten(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten),
        _ => [exception],
    };
}
