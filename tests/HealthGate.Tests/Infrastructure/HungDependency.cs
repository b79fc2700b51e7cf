using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Preflights;

namespace HealthGate.Tests.Infrastructure;

/// <summary>
/// A real server frozen with SIGSTOP under a paper preflight whose only check has a 500 ms timeout: NO-GO with
/// reason <c>timeout</c> within a bounded time, and PASS again by itself once the server resumes.
/// </summary>
internal static class HungDependency
{
    public static async Task AssertTimeoutThenRecoveryAsync(HealthGateApplication app, Func<Task> pause, Func<Task> resume, string what)
    {
        await GoFirst.WaitForPassAsync(app, "paper", $"{what} freezes");

        await pause();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var (status, hung) = await GetPreflightAsync(app, "paper");
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("timeout", hung.GetProperty("checks")[0].GetProperty("reason").GetString());
            // 500 ms timeout; the ceiling leaves room for a busy 2-core machine, not for a client's own multi-second default.
            Assert.True(elapsed < TimeSpan.FromMilliseconds(2500), $"the run took {elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await resume();
        }

        await ProcessRunner.WaitUntilAsync(
            async () => (await GetPreflightAsync(app, "paper")).Json.GetProperty("verdict").GetString() == "PASS",
            TimeSpan.FromSeconds(20),
            $"PASS after {what} resumed");
    }

    /// <summary>
    /// Like <see cref="AssertTimeoutThenRecoveryAsync"/>, judged by the engine's own result rather than the request's
    /// wall time: the frozen check is Unhealthy and its <c>durationMs</c> stays within <paramref name="timeoutMs"/>
    /// plus a margin for a busy machine, whichever of the engine or the client ended it.
    /// </summary>
    public static async Task AssertUnhealthyWithinTimeoutThenRecoveryAsync(HealthGateApplication app, Func<Task> pause, Func<Task> resume, int timeoutMs, string what)
    {
        await GoFirst.WaitForPassAsync(app, "paper", $"{what} freezes");

        await pause();
        try
        {
            var (status, hung) = await GetPreflightAsync(app, "paper");
            var check = hung.GetProperty("checks")[0];

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
            Assert.Equal("timeout", check.GetProperty("reason").GetString());
            var durationMs = check.GetProperty("durationMs").GetDouble();
            Assert.True(durationMs <= timeoutMs + 1000, $"the check took {durationMs:F0} ms with TimeoutMs {timeoutMs}");
        }
        finally
        {
            await resume();
        }

        await ProcessRunner.WaitUntilAsync(
            async () => (await GetPreflightAsync(app, "paper")).Json.GetProperty("verdict").GetString() == "PASS",
            TimeSpan.FromSeconds(30),
            $"PASS after {what} resumed");
    }

    /// <summary>
    /// The check alone, with no engine token, against the frozen server: only the client's own timeouts (derived
    /// from <c>TimeoutMs</c>) can end it, as reason <c>timeout</c> within <paramref name="ceiling"/>.
    /// </summary>
    public static async Task AssertClientBoundsTheHangAsync(IHealthCheck check, Func<Task> pause, Func<Task> resume, TimeSpan ceiling)
    {
        // Healthy first (its first call connects), so the timeout below is the freeze's doing.
        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        for (var tries = 1; healthy.Status != HealthStatus.Healthy && tries < 10; tries++)
        {
            healthy = await check.CheckHealthAsync(new HealthCheckContext());
        }

        Assert.True(healthy.Status == HealthStatus.Healthy, $"before the freeze: {healthy.Status} {healthy.Description}");
        await pause();
        try
        {
            var started = Stopwatch.GetTimestamp();
            // WaitAsync: a check the client does not bound fails here instead of hanging the test run until the server resumes.
            var hung = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None).WaitAsync(ceiling + TimeSpan.FromSeconds(10));
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.Equal(HealthStatus.Unhealthy, hung.Status);
            Assert.Equal("timeout", hung.Data["reason"]);
            Assert.True(elapsed < ceiling, $"the check took {elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await resume();
        }
    }
}
