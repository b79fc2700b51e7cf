namespace HealthGate.Notify;

/// <summary>How one attempt went: its outcome (<see cref="NotifyMetrics.Outcomes"/>), the HTTP status (0: none), why, and when to retry.</summary>
internal sealed record DeliveryResult(string Outcome, int Status, string Error, TimeSpan RetryAfter);
