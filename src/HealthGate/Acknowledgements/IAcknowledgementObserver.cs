using HealthGate.Contracts;

namespace HealthGate.Acknowledgements;

/// <summary>
/// Told of each acknowledgement made on this replica after it and its log entry are durable (the dashboard, the other
/// replicas). A throw is logged and undoes nothing.
/// </summary>
internal interface IAcknowledgementObserver
{
    Task OnAcknowledgedAsync(AcknowledgementRecord acknowledgement, CancellationToken cancellationToken);
}
