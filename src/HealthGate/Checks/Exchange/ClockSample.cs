namespace HealthGate.Checks.Exchange;

/// <summary>
/// One reading of the exchange's clock: sent at t0, answered at t1 (our clock), stamped S (theirs). The server
/// stamped somewhere inside the round trip, so the true offset lies within <see cref="OffsetMs"/> ± half the round
/// trip; <see cref="BoundMs"/> is the largest skew that reading cannot rule out.
/// </summary>
internal readonly record struct ClockSample(double SentMs, double ReceivedMs, double ServerMs)
{
    public double RttMs => ReceivedMs - SentMs;

    /// <summary>S − (t0 + t1) / 2.</summary>
    public double OffsetMs => ServerMs - ((SentMs + ReceivedMs) / 2);

    /// <summary>|offset| + rtt / 2: a slow answer widens the bound instead of hiding a skew.</summary>
    public double BoundMs => Math.Abs(OffsetMs) + (RttMs / 2);

    public bool IsWithin(double maxSkewMs) => BoundMs <= maxSkewMs;
}
