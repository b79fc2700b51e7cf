namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>What one run of the CLI left: exit code, standard output and standard error.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);
