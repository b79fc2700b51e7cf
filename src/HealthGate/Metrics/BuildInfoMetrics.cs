using System.Reflection;
using Prometheus;

namespace HealthGate.Metrics;

/// <summary><c>healthgate_build_info</c>: always 1, its version label names the running build.</summary>
internal sealed class BuildInfoMetrics : IInstrumentOwner
{
    public const string Name = "healthgate_build_info";

    public BuildInfoMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.CreateGauge(Name, "Always 1; the version label names the running build.", ["version"])
            .WithLabels(Version(typeof(BuildInfoMetrics).Assembly))
            .Set(1);
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
