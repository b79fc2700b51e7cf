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
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string DefaultReportDirectory = "reports/health";

    /// <summary>The seed's budget: 30 s for the paper subset, 60 s for the full suite of any other mode.</summary>
    public static TimeSpan DefaultTimeout(string mode) =>
        TimeSpan.FromSeconds(string.Equals(mode, Approval.RelaxedMode, StringComparison.OrdinalIgnoreCase) ? 30 : 60);
}
