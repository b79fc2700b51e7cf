using System.Net.Http.Headers;
using HealthGate.Notify;

namespace HealthGate.Tests.Notify;

public sealed class DeliveryBackoffTests
{
    [Fact]
    public void FailedAttemptsWaitDoublingFromOneSecondUpToFiveMinutes()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(1, 11).Select(a => (int)DeliveryBackoff.After(a).TotalSeconds));
    }

    [Fact]
    public void ARetryAfterIsHonouredAsSecondsOrADateWithinOneSecondAndAnHour()
    {
        var now = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(7), DeliveryBackoff.After(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
        Assert.Equal(TimeSpan.FromSeconds(90), DeliveryBackoff.After(1, new RetryConditionHeaderValue(now.AddSeconds(90)), now));
        Assert.Equal(TimeSpan.FromSeconds(1), DeliveryBackoff.After(5, new RetryConditionHeaderValue(TimeSpan.Zero), now));
        Assert.Equal(TimeSpan.FromHours(1), DeliveryBackoff.After(1, new RetryConditionHeaderValue(TimeSpan.FromDays(1)), now));
    }
}
