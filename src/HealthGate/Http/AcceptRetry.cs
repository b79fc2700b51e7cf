using System.Net.Sockets;

namespace HealthGate.Http;

/// <summary>
/// What a listener does when accepting a connection fails for want of resources (no descriptor left, no buffer
/// space): wait a little, longer each time up to <see cref="MaxDelay"/>, never a hot loop and never fatal. It says
/// so at once and then at most every <see cref="ReportEvery"/> with the count, however the failures come (a long
/// run, or a process flapping at its limit), and says when a reported run of failures ends. One listener's accept
/// loop calls it, one call at a time.
/// </summary>
internal sealed class AcceptRetry(ILogger logger, TimeProvider time, string endPoint, long? descriptorLimit)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    private long _runFailures;
    private long _runStart;
    private bool _runReported;
    private long _unreported;
    private long? _lastReport;
    private TimeSpan _delay;

    /// <summary>Failures since the last accepted connection.</summary>
    public long RunFailures => _runFailures;

    /// <summary>Records a failed accept and returns how long to wait before the next one.</summary>
    public TimeSpan Failed(SocketError error)
    {
        var now = time.GetTimestamp();
        if (_runFailures++ == 0)
        {
            _runStart = now;
            _delay = FirstDelay;
        }
        else
        {
            _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));
        }

        _unreported++;
        if (_lastReport is not { } last || time.GetElapsedTime(last, now) >= ReportEvery)
        {
            HttpLog.AcceptFailing(logger, endPoint, error, _unreported, descriptorLimit, _delay.TotalMilliseconds);
            _lastReport = now;
            _unreported = 0;
            _runReported = true;
        }

        return _delay;
    }

    /// <summary>Records an accepted connection, ending a run of failures.</summary>
    public void Succeeded()
    {
        if (_runFailures == 0)
        {
            return;
        }

        if (_runReported)
        {
            var seconds = time.GetElapsedTime(_runStart).TotalSeconds;
            HttpLog.AcceptRecovered(logger, endPoint, _runFailures, seconds);
        }

        _runFailures = 0;
        _runReported = false;
    }
}
