using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Preflights;

namespace HealthGate.Tests.Infrastructure;

/// <summary>
/// A real server frozen with SIGSTOP: NO-GO with reason <c>timeout</c> within a bounded time, under the engine or
/// by the client's own timeouts, and PASS again by itself once the server resumes.
/// </summary>
internal static class HungDependency
{
    /// <summary>
    /// Judged by the engine's own result rather than the request's wall time: the frozen check is Unhealthy with reason
    /// <c>timeout</c> and its <c>durationMs</c> stays within <paramref name="timeoutMs"/> plus a margin for a busy
    /// machine, whichever of the engine or the client ended it; then PASS again by itself once the server resumes.
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
            // A real bound on purpose: a real frozen server must be abandoned at its timeout; durationMs is the check's alone.
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
            // A real bound on purpose: with no engine there is no durationMs, and the point is that a real hang ends by itself.
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
