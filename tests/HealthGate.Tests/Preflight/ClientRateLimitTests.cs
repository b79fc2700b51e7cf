using System.Net;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Preflight;

/// <summary>One client over <c>Preflight:ClientRequestsPerMinute</c> gets 429 problem+json with Retry-After.</summary>
public sealed class ClientRateLimitTests
{
    [Fact]
    public async Task AClientOverItsLimitGets429WithRetryAfterAndTheProbesAreNotLimited()
    {
        await using var app = HealthGateApplication.With(("Preflight:ClientRequestsPerMinute", 2));
        using var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative)));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var refused = answers[2];
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }
}
