using Serilog.Core;
using Serilog.Events;

namespace HealthGate.Logging;

/// <summary>
/// Drops the host's own "Hosting failed to start" event: Program reports that failure as one line naming its cause,
/// and the host's copy would print the whole stack trace before it.
/// </summary>
internal sealed class HostStartupFaultFilter : ILogEventFilter
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const string StartupFaulted = "HostedServiceStartupFaulted";

    public bool IsEnabled(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return !(logEvent.Properties.TryGetValue("SourceContext", out var source)
            && source is ScalarValue { Value: HostCategory }
            && logEvent.Properties.TryGetValue("EventId", out var id)
            && id is StructureValue structure
            && structure.Properties.Any(p => p.Name == "Name" && p.Value is ScalarValue { Value: StartupFaulted }));
    }
}
