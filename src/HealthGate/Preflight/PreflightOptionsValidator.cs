using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

internal sealed class PreflightOptionsValidator : IValidateOptions<PreflightOptions>
{
    public ValidateOptionsResult Validate(string? name, PreflightOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        errors.RequirePositive("HealthGate:Preflight:VerdictTtlSeconds", options.VerdictTtlSeconds);
        if (options.CoalesceWindowMs < 0)
        {
            errors.Add("HealthGate:Preflight:CoalesceWindowMs", "must be 0 or more");
        }

        if (options.MaxRunsPerSecond < 0)
        {
            errors.Add("HealthGate:Preflight:MaxRunsPerSecond", "must be 0 (no cap) or more");
        }

        errors.RequirePositive("HealthGate:Preflight:ClientRequestsPerMinute", options.ClientRequestsPerMinute);

        return errors.Result();
    }
}
