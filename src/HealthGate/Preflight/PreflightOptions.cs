using HealthGate.Configuration;

namespace HealthGate.Preflight;

/// <summary><c>HealthGate:Preflight</c>: how long a verdict stays valid.</summary>
internal sealed class PreflightOptions
{
    /// <summary>A verdict expires this long after its run started (<c>expiresAt</c>); a GO past it is not a GO.</summary>
    public int VerdictTtlSeconds { get; set; } = 60;

    public void Validate(ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequirePositive("HealthGate:Preflight:VerdictTtlSeconds", VerdictTtlSeconds);
    }
}
