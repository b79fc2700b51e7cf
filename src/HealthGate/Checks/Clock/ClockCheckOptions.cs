using HealthGate.Configuration;

namespace HealthGate.Checks.Clock;

internal sealed class ClockCheckOptions : CheckOptions
{
    /// <summary>The kernel's estimated error (<c>esterror</c>) above which the host clock is unfit; fractions allowed (0.1 = 100 µs).</summary>
    public double MaxErrorMs { get; set; } = 100;

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!double.IsFinite(MaxErrorMs) || MaxErrorMs <= 0)
        {
            errors.Add($"{key}:MaxErrorMs", "must be greater than 0");
        }
    }
}
