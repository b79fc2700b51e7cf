using System.Net.Sockets;
using HealthGate.Http;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Http;

/// <summary>A failed accept waits, longer each time, and is logged without flooding the log; never a hot loop.</summary>
public sealed class AcceptRetryTests
{
    private const int Failing = 8002;
    private const int Recovered = 8003;

    private readonly FakeTimeProvider _time = new();
    private readonly CapturingLoggerProvider _log = new();
    private readonly AcceptRetry _retry;

    public AcceptRetryTests() => _retry = new AcceptRetry(_log.CreateLogger("accept"), _time, "127.0.0.1:5080", 4096);

    [Fact]
    public void EachFailureWaitsLongerUpToTheMaximumSoARunOfFailuresNeverSpins()
    {
        List<TimeSpan> delays = [];
        for (var i = 0; i < 10; i++)
        {
            delays.Add(_retry.Failed(SocketError.TooManyOpenSockets));
        }

        Assert.Equal(AcceptRetry.FirstDelay, delays[0]);
        Assert.Equal(AcceptRetry.FirstDelay * 2, delays[1]);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(AcceptRetry.MaxDelay, delays[^1]);
        Assert.Equal(10, _retry.RunFailures);

        // After an accepted connection the next failure starts short again.
        _retry.Succeeded();
        Assert.Equal(AcceptRetry.FirstDelay, _retry.Failed(SocketError.TooManyOpenSockets));
    }

    [Fact]
    public void ALongShortageIsLoggedAtOnceThenOnceEveryReportPeriodWithItsCountAndItsEnd()
    {
        var failures = 0;
        while (_time.GetUtcNow() < _time.Start + TimeSpan.FromSeconds(25))
        {
            _time.Advance(_retry.Failed(SocketError.TooManyOpenSockets));
            failures++;
        }

        _retry.Succeeded();

        var failing = _log.WithEventId(Failing);
        Assert.Equal(3, failing.Count); // at 0 s, 10 s and 20 s
        Assert.All(failing, e => Assert.Equal(LogLevel.Error, e.Level));
        Assert.Equal("TooManyOpenSockets", failing[0]["Error"]);
        Assert.Equal("4096", failing[0]["DescriptorLimit"]);
        // Each line counts the failures since the one before it.
        Assert.InRange(failing.Sum(e => long.Parse(e["Failures"]!, System.Globalization.CultureInfo.InvariantCulture)), failures - (int)(AcceptRetry.ReportEvery / AcceptRetry.MaxDelay), failures);
        var recovered = Assert.Single(_log.WithEventId(Recovered));
        Assert.Equal(failures.ToString(System.Globalization.CultureInfo.InvariantCulture), recovered["Failures"]);
    }

    [Fact]
    public void AProcessFlappingAtItsLimitLogsOneLinePerReportPeriodNotOnePerFailure()
    {
        // Fail, accept, fail, accept... 1,000 times within one report period.
        for (var i = 0; i < 1000; i++)
        {
            _time.Advance(_retry.Failed(SocketError.TooManyOpenSockets));
            _retry.Succeeded();
        }

        Assert.Single(_log.WithEventId(Failing));
        // Only the run that was reported says it ended.
        Assert.Single(_log.WithEventId(Recovered));

        _time.Advance(AcceptRetry.ReportEvery);
        _retry.Failed(SocketError.TooManyOpenSockets);
        var second = _log.WithEventId(Failing)[1];
        Assert.Equal("1000", second["Failures"]); // the 999 unreported ones and this one
    }

    [Fact]
    public void AnAcceptThatNeverFailedLogsNothing()
    {
        _retry.Succeeded();

        Assert.Empty(_log.Entries);
    }
}
