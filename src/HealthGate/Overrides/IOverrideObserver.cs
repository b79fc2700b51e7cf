using HealthGate.Runs;
using HealthGate.Storage;

namespace HealthGate.Overrides;

/// <summary>
/// Told of every accepted override after it is durably in the operational log (metrics). Not told of refused
/// ones. A throw is logged and does not undo the record or the 201.
/// </summary>
internal interface IOverrideObserver
{
    Task OnOverrideRecordedAsync(OpLogEntry entry, CancellationToken cancellationToken);
}
