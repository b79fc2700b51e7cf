using HealthGate.Contracts;

namespace HealthGate.Overrides;

/// <summary>
/// Told of every change of an override after it and its log entry are durable (metrics; notifications later). Not
/// told of refusals. A throw is logged and does not undo the change or its answer.
/// </summary>
internal interface IOverrideObserver
{
    Task OnOverrideChangedAsync(OverrideRecord current, OpLogRecord entry, CancellationToken cancellationToken);
}
