using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Clock;

/// <summary>
/// Proves the host's own clock is disciplined: the kernel says it is synchronised and its estimated error is within
/// <c>MaxErrorMs</c>. A state it cannot read is Unhealthy, never assumed good.
/// </summary>
internal sealed class ClockHealthCheck(ClockCheckOptions options, IKernelClock clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        KernelClockState state;
        try
        {
            state = clock.Read();
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or Win32Exception or DllNotFoundException or EntryPointNotFoundException)
        {
            return Task.FromResult(CheckOutcome.Unhealthy(Reasons.Unreachable, $"cannot read the kernel clock state: {ex.Message}"));
        }

        return Task.FromResult(Judge(state));
    }

    private HealthCheckResult Judge(KernelClockState state)
    {
        var data = new Dictionary<string, object>
        {
            ["esterrorUs"] = state.EsterrorUs,
            ["maxerrorUs"] = state.MaxerrorUs,
            ["status"] = state.Status,
            ["flags"] = state.StatusFlags,
            ["state"] = state.StateName,
            ["maxErrorMs"] = options.MaxErrorMs,
        };
        var esterrorMs = state.EsterrorUs / 1000.0;
        var flags = string.Join(",", state.StatusFlags);
        if (state.IsUnsynchronised)
        {
            return CheckOutcome.Unhealthy(
                Reasons.ClockUnsynchronised,
                $"the kernel reports the clock unsynchronised ({state.StateName}, status {flags})",
                data);
        }

        // A negative estimate is no estimate: it cannot prove the clock is within the bound.
        if (state.EsterrorUs < 0 || state.MaxerrorUs < 0)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the kernel reports a negative error estimate ({state.EsterrorUs} µs)", data);
        }

        var bound = options.MaxErrorMs.ToString("0.###", CultureInfo.InvariantCulture);
        return esterrorMs > options.MaxErrorMs
            ? CheckOutcome.Unhealthy(Reasons.ClockError, $"estimated clock error {esterrorMs:0.###} ms exceeds {bound} ms", data)
            : CheckOutcome.Healthy($"synchronised, estimated error {esterrorMs:0.###} ms (bound {bound} ms)", data);
    }
}
