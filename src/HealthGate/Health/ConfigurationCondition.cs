namespace HealthGate.Health;

/// <summary>
/// The configuration is valid: every key was validated before the host started (a bad one stops the start, exit 78),
/// and the service never reloads it, so a gate that serves holds a valid configuration.
/// </summary>
internal sealed class ConfigurationCondition : ISelfCondition
{
    public string Name => "configuration";

    public SelfCondition Evaluate(DateTimeOffset now) =>
        SelfCondition.Healthy("validated at start, every key; the service does not reload it");
}
