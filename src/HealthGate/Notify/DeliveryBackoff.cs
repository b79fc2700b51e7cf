using System.Net.Http.Headers;

namespace HealthGate.Notify;

/// <summary>When to try a failed message again: doubling from 1 s to 5 min, or what a 429's <c>Retry-After</c> asks (at most an hour).</summary>
internal static class DeliveryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 for the first).</summary>
    public static TimeSpan After(int attempt, RetryConditionHeaderValue? retryAfter = null, DateTimeOffset? now = null)
    {
        if (retryAfter is not null)
        {
            var asked = retryAfter.Delta ?? (retryAfter.Date is { } date && now is { } at ? date - at : TimeSpan.Zero);
            return asked < First ? First : asked > MaxRetryAfter ? MaxRetryAfter : asked;
        }

        var exponent = Math.Clamp(attempt - 1, 0, 20);
        var delay = TimeSpan.FromTicks(First.Ticks << exponent);
        return delay > Max ? Max : delay;
    }
}
