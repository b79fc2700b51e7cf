using HealthGate.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>
/// Runs a set of checks in parallel, each under its own timeout, and turns every outcome, including a throw,
/// a hang or a check that ignores its token, into a <see cref="CheckResult"/>. Nothing escapes as an exception.
/// </summary>
internal sealed class CheckRunner(
    IServiceScopeFactory scopeFactory,
    GateChecks checks,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<CheckRunner> logger)
{
    public IReadOnlyList<GateCheck> Checks => checks.All;

    public async Task<CheckRun> RunAsync(IReadOnlySet<CheckTier> tiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var results = await Task.WhenAll(checks.ForTiers(tiers).Select(c => RunOneAsync(c, cancellationToken)));
        return new CheckRun(startedAt, time.GetElapsedTime(started), CheckBlocking.Apply(results));
    }

    private async Task<CheckResult> RunOneAsync(GateCheck check, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();

        // The timeout runs on the injected clock, so tests advance a fake one instead of waiting.
        using var expiry = new CancellationTokenSource(check.Timeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        HealthCheckResult result;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            try
            {
                // Task.Run: a check that blocks before its first await must not hold up the others.
                // WaitAsync: a check that ignores its token is abandoned at the timeout, not awaited.
                var context = new HealthCheckContext { Registration = check.Registration };
                result = await Task.Run(
                    () => check.Registration.Factory(scope.ServiceProvider).CheckHealthAsync(context, timeout.Token),
                    timeout.Token).WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                result = CheckOutcome.Unhealthy(Reasons.Timeout, $"no answer within {check.Timeout.TotalMilliseconds:F0} ms");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var description = redactor.Describe(ex);
                ChecksLog.CheckThrew(logger, check.Name, description);
                result = CheckOutcome.Unhealthy(Reasons.Exception, description);
            }
        }

        return ToCheckResult(check, result, time.GetElapsedTime(started));
    }

    private CheckResult ToCheckResult(GateCheck check, HealthCheckResult result, TimeSpan duration)
    {
        var data = result.Data.Where(kv => kv.Key != CheckOutcome.ReasonKey).ToDictionary(kv => kv.Key, kv => kv.Value);
        var reason = result.Data.TryGetValue(CheckOutcome.ReasonKey, out var r) && r is string s ? s : DefaultReason(result);
        var description = redactor.Redact(result.Description ?? result.Exception?.Message ?? reason);
        var durationMs = duration.TotalMilliseconds;
        switch (result.Status)
        {
            case HealthStatus.Healthy:
                ChecksLog.CheckHealthy(logger, check.Name, durationMs);
                break;
            case HealthStatus.Degraded:
                ChecksLog.CheckDegraded(logger, check.Name, reason, durationMs, description);
                break;
            default:
                ChecksLog.CheckUnhealthy(logger, check.Name, reason, durationMs, description);
                break;
        }

        return new CheckResult(check.Name, check.Type, check.Tier, result.Status, Math.Round(durationMs, 3), reason, description, data)
        {
            Tags = check.Tags,
            DependsOn = check.DependsOn,
        };
    }

    private static string DefaultReason(HealthCheckResult result) => result.Status switch
    {
        HealthStatus.Healthy => Reasons.Ok,
        HealthStatus.Degraded => Reasons.Degraded,
        _ => result.Exception is null ? Reasons.Unhealthy : Reasons.Exception,
    };
}
