using HealthGate.Configuration;

namespace HealthGate.Checks;

/// <summary>The keys every configured check has; each check type derives its own options from this.</summary>
internal abstract class CheckOptions
{
    public const int DefaultTimeoutMs = 2000;

    public string? Type { get; set; }

    public string? Tier { get; set; }

    public int TimeoutMs { get; set; } = DefaultTimeoutMs;

    public string[] Tags { get; set; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Names of other checks this one relies on. They never change how it runs or the verdict: after a run, a check
    /// whose dependency is Unhealthy carries <c>blockedBy</c>, so the root cause is shown first.
    /// </summary>
    public string[] DependsOn { get; set; } = [];

    /// <summary>Readiness only: consecutive Unhealthy results before <c>/health/ready</c> shows the check Unhealthy.</summary>
    public int FailureThreshold { get; set; } = 1;

    /// <summary>Readiness only: consecutive not-Unhealthy results before <c>/health/ready</c> shows it recovered.</summary>
    public int SuccessThreshold { get; set; } = 1;

    public const int MaxThreshold = 10;

    /// <summary>Adds one error per bad type-specific key; <paramref name="key"/> is this check's section path.</summary>
    public virtual void Validate(string key, ConfigErrors errors)
    {
    }

    /// <summary>Values that must never appear in a response or a log line (passwords, tokens).</summary>
    public virtual IEnumerable<string> Secrets() => [];
}
