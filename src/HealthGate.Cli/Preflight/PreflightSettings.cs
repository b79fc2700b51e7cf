using HealthGate.Cli.Acceptance;
using HealthGate.Cli.Gate;
using HealthGate.Cli.Overrides;

namespace HealthGate.Cli.Preflight;

/// <summary>The parsed command line of <c>healthgate preflight</c>.</summary>
internal sealed record PreflightSettings(
    string Mode,
    Uri Url,
    TimeSpan Timeout,
    string ReportDirectory,
    bool Json,
    bool ForceStart,
    bool SkipHealthCheck)
{
    /// <summary>What a GO must show to be accepted (<c>--clock-tolerance</c>, <c>--max-verdict-ttl</c>, <c>--expect-config-hash</c>).</summary>
    public AcceptanceRules Acceptance { get; init; } = AcceptanceRules.Default;

    /// <summary>The override (<c>--override ID</c>) that <see cref="ForceStart"/> or <see cref="SkipHealthCheck"/> uses.</summary>
    public long? OverrideId { get; init; }

    /// <summary>How long to wait for the override's approvals (<c>--wait</c>); null looks once.</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary><c>--key-file</c>: the caller's key, read from a file instead of the environment.</summary>
    public string? KeyFile { get; init; }

    /// <summary><c>--non-interactive</c>: never prompt, even at a terminal.</summary>
    public bool NonInteractive { get; init; }

    /// <summary><c>--yes</c> (only with <c>--non-interactive</c>): the live confirmation, given on the command line.</summary>
    public bool Yes { get; init; }

    /// <summary>Paper keeps its old behaviour; every other mode is held to the live rules.</summary>
    public bool IsRelaxed => OverrideKinds.IsRelaxed(Mode);

    public const string DefaultUrl = GateOptions.DefaultUrl;
    public const string DefaultReportDirectory = "reports/health";

    /// <summary>The seed's budget: 30 s for the paper subset, 60 s for the full suite of any other mode.</summary>
    public static TimeSpan DefaultTimeout(string mode) => TimeSpan.FromSeconds(OverrideKinds.IsRelaxed(mode) ? 30 : 60);
}
