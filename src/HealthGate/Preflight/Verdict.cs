using System.Text.Json.Serialization;
using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Preflight;

/// <summary>The go/no-go answer of a preflight run; each value has a fixed exit code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
internal enum Verdict
{
    [JsonStringEnumMemberName("PASS")]
    Pass,

    [JsonStringEnumMemberName("P0_FAIL")]
    P0Fail,

    [JsonStringEnumMemberName("P1_FAIL")]
    P1Fail,

    [JsonStringEnumMemberName("P2_WARN")]
    P2Warn,
}

internal static class Verdicts
{
    /// <summary>The verdict rules of the design, first match wins; no check at all is P0_FAIL (<c>no_checks</c>).</summary>
    public static Verdict Decide(IEnumerable<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results as IReadOnlyCollection<CheckResult> ?? [.. results];
        if (list.Count == 0 || list.Any(r => r is { Tier: CheckTier.P0, Status: HealthStatus.Unhealthy }))
        {
            return Verdict.P0Fail;
        }

        if (list.Any(r => r is { Tier: CheckTier.P1, Status: HealthStatus.Unhealthy }))
        {
            return Verdict.P1Fail;
        }

        return list.Any(r => r.Status != HealthStatus.Healthy) ? Verdict.P2Warn : Verdict.Pass;
    }

    public static int ExitCode(this Verdict verdict) => verdict switch
    {
        Verdict.Pass => 0,
        Verdict.P0Fail => 1,
        Verdict.P1Fail => 2,
        Verdict.P2Warn => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string Token(this Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASS",
        Verdict.P0Fail => "P0_FAIL",
        Verdict.P1Fail => "P1_FAIL",
        Verdict.P2Warn => "P2_WARN",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>PASS and P2_WARN let trading proceed; the failures answer 503.</summary>
    public static bool IsGo(this Verdict verdict) => verdict is Verdict.Pass or Verdict.P2Warn;
}
