namespace HealthGate.Storage;

/// <summary>
/// Where one notified subject of a desk stands (<c>check:core</c>, <c>verdict:live</c>): open or not, since which run's
/// start (<see cref="Since"/>: the run that last changed it), when
/// it was last sent, and its version, which every change bumps, so replicas that race on a transition write it once.
/// <see cref="Detail"/> is the last opening message, which a reminder repeats.
/// </summary>
internal sealed record NotifyStateRow(string Subject, bool Open, long Version, DateTimeOffset Since, DateTimeOffset NotifiedAt, string Detail);
