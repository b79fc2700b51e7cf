using HealthGate.Cli.Acceptance;
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
    bool SkipHealthCheck,
    Approval Approval)
{
    /// <summary>What a GO must show to be accepted (<c>--clock-tolerance</c>, <c>--max-verdict-ttl</c>, <c>--expect-config-hash</c>).</summary>
    public AcceptanceRules Acceptance { get; init; } = AcceptanceRules.Default;

    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string DefaultReportDirectory = "reports/health";

    /// <summary>The seed's budget: 30 s for the paper subset, 60 s for the full suite of any other mode.</summary>
    public static TimeSpan DefaultTimeout(string mode) =>
        TimeSpan.FromSeconds(string.Equals(mode, Approval.RelaxedMode, StringComparison.OrdinalIgnoreCase) ? 30 : 60);
}
