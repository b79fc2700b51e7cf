namespace HealthGate.Configuration;

/// <summary>
/// A section under <c>HealthGate</c> that a feature owns, registered by the feature so that the root can refuse
/// every other key. <see cref="OptionsType"/> is what its keys bind to; null when the feature checks its keys itself.
/// </summary>
internal sealed record HealthGateSection(string Name, Type? OptionsType)
{
    public const string Root = "HealthGate";

    public string Path => $"{Root}:{Name}";
}
