using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary>
/// One client (remote address) may send <c>Preflight:ClientRequestsPerMinute</c> requests to <c>/preflight</c>;
/// over it the answer is 429 problem+json with <c>Retry-After</c>. The run cap protects the dependencies; this
/// protects the gate's other callers from one runaway launcher.
/// </summary>
internal static class ClientRateLimit
{
    public const string PolicyName = "preflight-per-client";

    public static IServiceCollection AddPreflightClientRateLimit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<PreflightOptions>>().Value.ClientRequestsPerMinute;
                return RateLimitPartition.GetTokenBucketLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perMinute,
                        TokensPerPeriod = Math.Max(1, perMinute / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Title = "Too many requests",
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = $"this client is over its preflight request limit; retry after {seconds} s",
                    },
                });
            };
        });
        return services;
    }
}
