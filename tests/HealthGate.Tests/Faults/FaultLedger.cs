using System.Globalization;
using HealthGate.Tests.FailClosed;

namespace HealthGate.Tests.Faults;

/// <summary>Every fault's runs, for the suite's closing line: how many faults and runs, how many false GO, the slowest run.</summary>
public sealed class FaultLedger
{
    private readonly List<(string Row, double DurationMs, bool FalseGo)> _runs = [];

    public int FalseGo
    {
        get
        {
            lock (_runs)
            {
                return _runs.Count(r => r.FalseGo);
            }
        }
    }

    /// <summary>A GO is exit code 0 (PASS) or 3 (P2_WARN); every row breaks a P0 or P1 check, so a GO is a false one.</summary>
    public void Record(string row, PreflightAnswer run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var exitCode = run.Json.GetProperty("exitCode").GetInt32();
        lock (_runs)
        {
            _runs.Add((row, run.Json.GetProperty("durationMs").GetDouble(), exitCode is 0 or 3));
        }
    }

    public string Summary()
    {
        lock (_runs)
        {
            var slowest = _runs.OrderByDescending(r => r.DurationMs).FirstOrDefault();
            var slowestText = _runs.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"{slowest.DurationMs:F0} ms ({slowest.Row})");
            return string.Create(CultureInfo.InvariantCulture, $"Fault suite: {_runs.Select(r => r.Row).Distinct().Count()} faults in {_runs.Count} runs, {_runs.Count(r => r.FalseGo)} false GO, slowest run {slowestText}");
        }
    }
}
