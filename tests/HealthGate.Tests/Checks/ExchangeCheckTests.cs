using System.Globalization;
using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Checks.Exchange;
using HealthGate.Checks.Probing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The <c>exchange</c> check against a real HTTP stand-in whose time endpoint answers a chosen clock.</summary>
public sealed class ExchangeCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task AServerClockThatAgreesIsHealthyWithSkewAndRoundTripInData()
    {
        _standIn.Respond("/exchange/ping", 200, "{}");
        ServeTime("/exchange/time-now", TimeSpan.Zero);

        var check = await RunAsync(("PingUrl", _standIn.Url("/exchange/ping")), ("TimeUrl", _standIn.Url("/exchange/time-now")));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.True(check.Data("boundMs").GetDouble() < 1000, $"bound {check.Data("boundMs")} ms");
        // Without a weight limit the ping and the time sample run side by side, so each lies within the check, not their sum.
        check.AssertTimingsWithinTheCheck("pingMs");
        check.AssertTimingsWithinTheCheck("rttMs");
        // The bound is the offset widened by half the round trip (each figure rounded to 0.1 ms or finer).
        var widened = Math.Abs(check.Data("offsetMs").GetDouble()) + (check.Data("rttMs").GetDouble() / 2);
        Assert.InRange(check.Data("boundMs").GetDouble(), widened - 0.11, widened + 0.11);
    }

    [Fact]
    public async Task AServerClockFiveSecondsAheadIsClockSkew()
    {
        _standIn.Respond("/exchange/ping", 200, "{}");
        ServeTime("/exchange/time-ahead", TimeSpan.FromSeconds(5));

        var check = await RunAsync(("PingUrl", _standIn.Url("/exchange/ping")), ("TimeUrl", _standIn.Url("/exchange/time-ahead")));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("clock_skew", check.Reason());
        Assert.InRange(check.Data("offsetMs").GetDouble(), 4000, 6000);
        Assert.True(check.Data("boundMs").GetDouble() >= check.Data("offsetMs").GetDouble(), $"bound {check.Data("boundMs")} ms under the offset");
    }

    [Fact]
    public async Task AServerClockFiveSecondsBehindIsClockSkew()
    {
        _standIn.Respond("/exchange/ping", 200, "{}");
        ServeTime("/exchange/time-behind", TimeSpan.FromSeconds(-5));

        var check = await RunAsync(("PingUrl", _standIn.Url("/exchange/ping")), ("TimeUrl", _standIn.Url("/exchange/time-behind")));

        Assert.Equal("clock_skew", check.Reason());
        Assert.InRange(check.Data("offsetMs").GetDouble(), -6000, -4000);
    }

    [Fact]
    public async Task MaxClockSkewMsIsConfigurable()
    {
        _standIn.Respond("/exchange/ping", 200, "{}");
        ServeTime("/exchange/time-ahead-tolerated", TimeSpan.FromSeconds(5));

        var check = await RunAsync(
            ("PingUrl", _standIn.Url("/exchange/ping")),
            ("TimeUrl", _standIn.Url("/exchange/time-ahead-tolerated")),
            ("MaxClockSkewMs", 10_000));

        Assert.Equal("Healthy", check.Status());
    }

    [Fact]
    public async Task AConfiguredServerTimePointerIsFollowed()
    {
        _standIn.Respond("/exchange/ping", 200, "{}");
        _standIn.Respond("/exchange/time-nested", context => context.Response.WriteAsJsonAsync(
            new { data = new[] { new { ts = DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeMilliseconds() } } }));

        var check = await RunAsync(
            ("PingUrl", _standIn.Url("/exchange/ping")),
            ("TimeUrl", _standIn.Url("/exchange/time-nested")),
            ("ServerTimePointer", "/data/0/ts"));

        Assert.Equal("clock_skew", check.Reason());
    }

    [Fact]
    public async Task ASlowAnswerWidensTheBoundInsteadOfHidingASkew()
    {
        // Our clock reads T when the request leaves and T+4 s when the answer arrives; the server stamped T+2 s.
        // The offset from the midpoint is 0, but the server may have stamped anywhere in those 4 s: ±2 s.
        var sent = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        _standIn.Respond("/exchange/ping", 200, "{}");
        _standIn.Respond("/exchange/time-fixed", 200, $$"""{"serverTime":{{sent.AddSeconds(2).ToUnixTimeMilliseconds()}}}""");
        var options = new ExchangeCheckOptions
        {
            PingUrl = _standIn.Url("/exchange/ping"),
            TimeUrl = _standIn.Url("/exchange/time-fixed"),
            MaxClockSkewMs = 100,
        };
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var check = new ExchangeHealthCheck(options, new HttpProbe(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System), new ScriptedClock(sent, sent.AddSeconds(4)));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("clock_skew", result.Data["reason"]);
        Assert.Equal(0.0, result.Data["offsetMs"]);
        Assert.Equal(4000.0, result.Data["rttMs"]);
        Assert.Equal(2000.0, result.Data["boundMs"]);
    }

    [Fact]
    public async Task WithoutAWeightLimitTheFirstTimeSampleDoesNotWaitForThePing()
    {
        // The ping answers only once the clock has been asked: in sequence the check would time out on the ping.
        var clockAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _standIn.Respond("/exchange/ping-after-time", async context =>
        {
            await clockAsked.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("{}");
        });
        _standIn.Respond("/exchange/time-before-ping", context =>
        {
            clockAsked.TrySetResult();
            return context.Response.WriteAsync($$"""{"serverTime":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}}""");
        });

        var check = await RunAsync(
            ("PingUrl", _standIn.Url("/exchange/ping-after-time")), ("TimeUrl", _standIn.Url("/exchange/time-before-ping")), ("TimeSamples", 3), ("TimeoutMs", 10000));

        Assert.Equal("Healthy", check.Status());
        Assert.True(clockAsked.Task.IsCompleted);
    }

    [Fact]
    public async Task WithAWeightLimitTheClockIsAskedOnlyAfterThePingAnswered()
    {
        // The same stand-in as above: with a weight limit the ping is judged first, so the ping waits for a clock
        // request that never comes and the check times out.
        var clockAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _standIn.Respond("/exchange/ping-after-time-weighted", async context =>
        {
            await clockAsked.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("{}");
        });
        var time = _standIn.Count("/exchange/time-before-ping-weighted");

        var check = await RunAsync(
            ("PingUrl", _standIn.Url("/exchange/ping-after-time-weighted")), ("TimeUrl", _standIn.Url("/exchange/time-before-ping-weighted")),
            ("WeightLimit", 6000), ("TimeoutMs", 300));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal(0, time.Value);
    }

    [Fact]
    public async Task WithoutATimeUrlOnlyConnectivityIsProven()
    {
        _standIn.Respond("/exchange/ping", 200, "{}");

        var check = await RunAsync(("PingUrl", _standIn.Url("/exchange/ping")));

        Assert.Equal("Healthy", check.Status());
        Assert.False(check.GetProperty("data").TryGetProperty("offsetMs", out _));
    }

    [Fact]
    public async Task AFailingPingIsUnexpectedStatus()
    {
        _standIn.Respond("/exchange/ping-down", 418, "{}");
        ServeTime("/exchange/time-ok", TimeSpan.Zero);

        var check = await RunAsync(("PingUrl", _standIn.Url("/exchange/ping-down")), ("TimeUrl", _standIn.Url("/exchange/time-ok")));

        Assert.Equal("unexpected_status", check.Reason());
    }

    [Fact]
    public async Task AClosedPortIsUnreachable()
    {
        var check = await RunAsync(("PingUrl", $"http://127.0.0.1:{FreePort.Next()}/api/v3/ping"));

        Assert.Equal("unreachable", check.Reason());
    }

    [Theory]
    [InlineData("time-missing", """{"serverTimeMs":1}""", "missing_field")]
    [InlineData("time-string", """{"serverTime":"1764000000000"}""", "missing_field")]
    [InlineData("time-html", "<html>maintenance</html>", "invalid_response")]
    public async Task ATimeAnswerWithoutANumericServerTimeIsUnhealthy(string path, string body, string reason)
    {
        _standIn.Respond("/exchange/ping", 200, "{}");
        _standIn.Respond("/exchange/" + path, 200, body);

        var check = await RunAsync(("PingUrl", _standIn.Url("/exchange/ping")), ("TimeUrl", _standIn.Url("/exchange/" + path)));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal(reason, check.Reason());
    }

    [Theory]
    [InlineData(null, null, "HealthGate:Checks:binance:PingUrl: is required")]
    [InlineData("TimeUrl", "api/v3/time", "HealthGate:Checks:binance:TimeUrl: must be an absolute http:// or https:// URL")]
    [InlineData("ServerTimePointer", "serverTime", "HealthGate:Checks:binance:ServerTimePointer:")]
    [InlineData("MaxClockSkewMs", 0, "HealthGate:Checks:binance:MaxClockSkewMs:")]
    public void BadConfigurationIsRefusedNamingTheKey(string? key, object? value, string expected)
    {
        (string, object?)[] keys = key is null ? [] : [("PingUrl", "http://127.0.0.1/ping"), (key, value)];

        var errors = CheckJson.ConfigErrors(Check("binance", "exchange", "P1", keys));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("4799", null, "Healthy", "ok")] // 79.98 % of 6000
    [InlineData("4800", null, "Unhealthy", "rate_limit_headroom")] // exactly 80 %
    [InlineData("7200", null, "Unhealthy", "rate_limit_headroom")] // over the limit
    [InlineData("0", null, "Healthy", "ok")]
    [InlineData("2999", 50, "Healthy", "ok")]
    [InlineData("3000", 50, "Unhealthy", "rate_limit_headroom")]
    [InlineData("6000", 100, "Unhealthy", "rate_limit_headroom")]
    public async Task UsedWeightAtOrAboveTheShareOfTheLimitIsRateLimitHeadroom(string used, int? maxPercent, string status, string reason)
    {
        var path = ServePingWithWeight("/exchange/ping-weight-" + used + "-" + maxPercent, used);
        (string, object?)[] keys = maxPercent is { } max
            ? [("PingUrl", _standIn.Url(path)), ("WeightLimit", 6000), ("MaxUsedWeightPercent", max)]
            : [("PingUrl", _standIn.Url(path)), ("WeightLimit", 6000)];

        var check = await RunAsync(keys);

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
        Assert.Equal(long.Parse(used, CultureInfo.InvariantCulture), check.Data("usedWeight").GetInt64());
        Assert.Equal(6000, check.Data("weightLimit").GetInt32());
    }

    [Fact]
    public async Task NoHeadroomFailsBeforeTheClockIsAsked()
    {
        var path = ServePingWithWeight("/exchange/ping-weight-spent", "5990");
        var time = _standIn.Count("/exchange/time-counted");

        var check = await RunAsync(("PingUrl", _standIn.Url(path)), ("TimeUrl", _standIn.Url("/exchange/time-counted")), ("WeightLimit", 6000));

        Assert.Equal("rate_limit_headroom", check.Reason());
        Assert.Equal(0, time.Value);
    }

    [Theory]
    [InlineData("missing", null, "missing_field")]
    [InlineData("word", "abc", "invalid_response")]
    [InlineData("negative", "-1", "invalid_response")]
    [InlineData("fraction", "12.5", "invalid_response")]
    [InlineData("overflow", "99999999999999999999", "invalid_response")]
    [InlineData("list", "12, 12", "invalid_response")]
    public async Task WithAWeightLimitAnUnreadableUsedWeightIsNeverHeadroom(string name, string? header, string reason)
    {
        var path = ServePingWithWeight("/exchange/ping-weight-bad-" + name, header is null ? [] : [header]);

        var check = await RunAsync(("PingUrl", _standIn.Url(path)), ("WeightLimit", 6000));

        Assert.Equal(("Unhealthy", reason), (check.Status(), check.Reason()));
    }

    [Theory]
    [InlineData("12", "4900", "Unhealthy", "invalid_response")]
    [InlineData("12", "12", "Healthy", "ok")]
    public async Task AUsedWeightHeaderGivenTwiceCountsOnlyWhenBothAgree(string first, string second, string status, string reason)
    {
        var path = ServePingWithWeight($"/exchange/ping-weight-twice-{first}-{second}", [first, second]);

        var check = await RunAsync(("PingUrl", _standIn.Url(path)), ("WeightLimit", 6000));

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
    }

    [Fact]
    public async Task AConfiguredUsedWeightHeaderIsTheOneRead()
    {
        var path = "/exchange/ping-custom-weight";
        _standIn.Respond(path, context =>
        {
            context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = "1";
            context.Response.Headers["X-RateLimit-Used"] = "950";
            return context.Response.WriteAsync("{}");
        });

        var check = await RunAsync(("PingUrl", _standIn.Url(path)), ("WeightLimit", 1000), ("UsedWeightHeader", "x-ratelimit-used"));

        Assert.Equal("rate_limit_headroom", check.Reason());
        Assert.Equal(950, check.Data("usedWeight").GetInt64());
    }

    [Fact]
    public async Task WithoutAWeightLimitTheUsedWeightIsNotJudged()
    {
        var path = ServePingWithWeight("/exchange/ping-weight-off", "5999");

        var check = await RunAsync(("PingUrl", _standIn.Url(path)));

        Assert.Equal("Healthy", check.Status());
        Assert.False(check.GetProperty("data").TryGetProperty("usedWeight", out _));
    }

    [Theory]
    [InlineData("WeightLimit", 0, "HealthGate:Checks:binance:WeightLimit: must be greater than 0")]
    [InlineData("WeightLimit", -6000, "HealthGate:Checks:binance:WeightLimit: must be greater than 0")]
    [InlineData("MaxUsedWeightPercent", 0, "HealthGate:Checks:binance:WeightLimit: is required when")]
    [InlineData("UsedWeightHeader", "X-MBX-USED-WEIGHT-1M", "HealthGate:Checks:binance:WeightLimit: is required when")]
    public void RateLimitKeysWithoutAUsableWeightLimitAreRefused(string key, object value, string expected)
    {
        var errors = CheckJson.ConfigErrors(Check("binance", "exchange", "P1", ("PingUrl", "http://127.0.0.1/ping"), (key, value)));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MaxUsedWeightPercent", 0, "HealthGate:Checks:binance:MaxUsedWeightPercent: must be between 1 and 100")]
    [InlineData("MaxUsedWeightPercent", 101, "HealthGate:Checks:binance:MaxUsedWeightPercent: must be between 1 and 100")]
    [InlineData("UsedWeightHeader", "X Used Weight", "HealthGate:Checks:binance:UsedWeightHeader: must be an HTTP header name")]
    [InlineData("UsedWeightHeader", "", "HealthGate:Checks:binance:UsedWeightHeader: must be an HTTP header name")]
    public void BadRateLimitKeysAreRefusedNamingTheKey(string key, object value, string expected)
    {
        var errors = CheckJson.ConfigErrors(Check("binance", "exchange", "P1", ("PingUrl", "http://127.0.0.1/ping"), ("WeightLimit", 6000), (key, value)));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private string ServePingWithWeight(string path, params string[] values)
    {
        _standIn.Respond(path, context =>
        {
            foreach (var value in values)
            {
                context.Response.Headers.Append("X-MBX-USED-WEIGHT-1M", value);
            }

            return context.Response.WriteAsync("{}");
        });
        return path;
    }

    private void ServeTime(string path, TimeSpan offset) =>
        _standIn.Respond(path, context => context.Response.WriteAsync(
            $$"""{"serverTime":{{DateTimeOffset.UtcNow.Add(offset).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}}"""));

    private static async Task<JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("binance", "exchange", "P1", keys));
        return await CheckJson.RunAsync(app, "binance");
    }

    /// <summary>A clock that reads the given instants in turn, then stays at the last.</summary>
    private sealed class ScriptedClock(params DateTimeOffset[] readings) : TimeProvider
    {
        private int _next;

        public override DateTimeOffset GetUtcNow() => readings[Math.Min(_next++, readings.Length - 1)];
    }
}
