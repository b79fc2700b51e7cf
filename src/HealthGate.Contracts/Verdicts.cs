namespace HealthGate.Contracts;

/// <summary>
/// The design's verdict rules, tokens and exit codes: the service decides with them, the CLI cross-checks the
/// service's answer with them, so the two can never disagree on what a run means.
/// </summary>
public static class Verdicts
{
    public const string PassToken = "PASS";
    public const string P0FailToken = "P0_FAIL";
    public const string P1FailToken = "P1_FAIL";
    public const string P2WarnToken = "P2_WARN";

    /// <summary>Exit code of a launcher's hard abort: the same as a P0 failure, so a launcher stops either way.</summary>
    public const int AbortExitCode = 1;

    /// <summary>First rule that matches: any P0 Unhealthy, any P1 Unhealthy, anything not Healthy, else PASS. No check at all is P0_FAIL.</summary>
    public static Verdict Decide(IEnumerable<(string Tier, string Status)> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var list = checks.ToList();
        if (list.Count == 0 || list.Exists(c => c is { Tier: CheckTiers.P0, Status: CheckStatuses.Unhealthy }))
        {
            return Verdict.P0Fail;
        }

        if (list.Exists(c => c is { Tier: CheckTiers.P1, Status: CheckStatuses.Unhealthy }))
        {
            return Verdict.P1Fail;
        }

        return list.Exists(c => c.Status != CheckStatuses.Healthy) ? Verdict.P2Warn : Verdict.Pass;
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
        Verdict.Pass => PassToken,
        Verdict.P0Fail => P0FailToken,
        Verdict.P1Fail => P1FailToken,
        Verdict.P2Warn => P2WarnToken,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static bool TryParse(string? token, out Verdict verdict)
    {
        foreach (var candidate in Enum.GetValues<Verdict>())
        {
            if (candidate.Token() == token)
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = default;
        return false;
    }

    /// <summary>PASS and P2_WARN let trading proceed; the gate answers them with 200, the failures with 503.</summary>
    public static bool IsGo(this Verdict verdict) => verdict is Verdict.Pass or Verdict.P2Warn;
}
