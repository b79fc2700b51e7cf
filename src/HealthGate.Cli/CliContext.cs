using HealthGate.Cli.Terminal;

namespace HealthGate.Cli;

/// <summary>What the CLI takes from the outside world, injected so tests drive it without a TTY or process-wide state.</summary>
internal sealed record CliContext(ITerminal Terminal, Func<string, string?> Environment, TimeProvider Time)
{
    /// <summary>Environment variable holding the key sent as <c>X-Api-Key</c>.</summary>
    public const string ApiKeyVariable = "HEALTHGATE_API_KEY";

    public static CliContext ForSystem() =>
        new(new SystemTerminal(), System.Environment.GetEnvironmentVariable, TimeProvider.System);

    public string? ApiKey => Environment(ApiKeyVariable) is { Length: > 0 } key ? key : null;
}
