namespace HealthGate.Cli.Gate;

/// <summary>The design's verdict tokens and their fixed exit codes.</summary>
internal static class VerdictCodes
{
    public const string Pass = "PASS";
    public const string P0Fail = "P0_FAIL";
    public const string P1Fail = "P1_FAIL";
    public const string P2Warn = "P2_WARN";

    /// <summary>Exit code of a hard abort: the same as a P0 failure, so a launcher stops either way.</summary>
    public const int Abort = 1;

    public static bool TryGetExitCode(string? verdict, out int exitCode)
    {
        exitCode = verdict switch
        {
            Pass => 0,
            P0Fail => 1,
            P1Fail => 2,
            P2Warn => 3,
            _ => -1,
        };
        return exitCode >= 0;
    }

    /// <summary>PASS and P2_WARN let trading proceed; the gate answers them with 200, the failures with 503.</summary>
    public static bool IsGo(string verdict) => verdict is Pass or P2Warn;

    /// <summary>
    /// The design's verdict rules, first match wins, to cross-check the gate's own verdict. No check at all is
    /// P0_FAIL: a gate that ran nothing proves nothing, so a PASS over no checks is a contradiction and aborts.
    /// </summary>
    public static string Decide(IEnumerable<ReportedCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var list = checks.ToList();
        if (list.Count == 0 || list.Exists(c => c is { Tier: "P0", IsUnhealthy: true }))
        {
            return P0Fail;
        }

        if (list.Exists(c => c is { Tier: "P1", IsUnhealthy: true }))
        {
            return P1Fail;
        }

        return list.Exists(c => c.Status != ReportedCheck.Healthy) ? P2Warn : Pass;
    }
}
