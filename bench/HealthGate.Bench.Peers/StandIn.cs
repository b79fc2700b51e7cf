using System.Globalization;
using System.Text;

namespace HealthGate.Bench.Peers;

/// <summary>
/// The trading backend both stacks check: constant healthy answers, each written with its Content-Length in one
/// write (headers and body in one segment, so no client waits on Nagle and a delayed ACK), and a request counter
/// at <c>/count</c> so the bench can count the dependency calls a run of probes caused.
/// </summary>
internal static class StandIn
{
    private const string Json = "application/json";
    private static readonly string[] Scenarios =
        ["flash_crash", "exchange_outage", "liquidity_crunch", "correlation_breakdown", "volatility_spike", "api_rate_limit", "network_partition"];

    private static long s_requests;

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        Map(app, "/risk/state", """{"global_risk":{"level":"NORMAL"},"ess":{"active":false}}""", Json);
        Map(app, "/api/v3/ping", "{}", Json);
        app.MapGet("/api/v3/time", () =>
        {
            Interlocked.Increment(ref s_requests);
            return new Body(Json, $$"""{"serverTime":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}}""");
        });
        Map(app, "/metrics", """
            # TYPE risk_gate_decisions_total counter
            risk_gate_decisions_total{decision="allow"} 1280
            # TYPE ess_triggers_total counter
            ess_triggers_total 0

            """, "text/plain; version=0.0.4; charset=utf-8");
        var scenarios = string.Join(",", Scenarios.Select(name => $$"""{"name":"{{name}}"}"""));
        Map(app, "/stress/scenarios", $$"""{"scenarios":[{{scenarios}}]}""", Json);
        Map(app, "/health/ready", """{"status":"Healthy"}""", Json);

        // A dependency that takes its time (a venue tens to hundreds of ms away): a run stays in flight that long.
        var slow = new Body(Json, """{"status":"Healthy"}""");
        app.MapGet("/slow", async (int ms) =>
        {
            Interlocked.Increment(ref s_requests);
            await Task.Delay(ms);
            return slow;
        });
        app.MapGet("/count", () => new Body("text/plain", Interlocked.Read(ref s_requests).ToString(CultureInfo.InvariantCulture)));
        await app.RunAsync();
    }

    private static void Map(WebApplication app, string path, string text, string contentType)
    {
        var body = new Body(contentType, text);
        app.MapGet(path, () =>
        {
            Interlocked.Increment(ref s_requests);
            return body;
        });
    }

    private sealed class Body(string contentType, string text) : IResult
    {
        private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(text);

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = _utf8.Length;
            return httpContext.Response.Body.WriteAsync(_utf8).AsTask();
        }
    }
}
