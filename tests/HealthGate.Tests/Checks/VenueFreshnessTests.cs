using System.Text;
using static HealthGate.Tests.Checks.VenueAnswers;

namespace HealthGate.Tests.Checks;

/// <summary>
/// A venue's "open" counts only when it is now: Kraken's own <c>result.timestamp</c> and, for every format, the
/// answer's HTTP <c>Date</c> and <c>Age</c> must lie within <c>MaxStatusAgeSeconds</c> of the gate's clock, either
/// way. The gate's clock is a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> at <see cref="VenueAnswers.Now"/>.
/// </summary>
public sealed class VenueFreshnessTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    public static TheoryData<string> Formats => ["binance", "kraken", "statuspage"];

    [Theory]
    [InlineData(0, "Healthy", "ok")]
    [InlineData(-120, "Healthy", "ok")] // the bound is inclusive
    [InlineData(120, "Healthy", "ok")]
    [InlineData(-121, "Unhealthy", "stale_status")]
    [InlineData(121, "Unhealthy", "stale_status")] // a clock ahead of ours is not now either
    [InlineData(-3600, "Unhealthy", "stale_status")]
    public async Task KrakensTimestampMustBeWithinTheBoundEitherWay(int offsetSeconds, string status, string reason)
    {
        var check = await RunAsync(_standIn, "kraken", Kraken("online", Now.AddSeconds(offsetSeconds)));

        Assert.True((check.Status(), check.Reason()) == (status, reason), check.GetRawText());
        Assert.Equal(-offsetSeconds, check.Data("statusAgeSeconds").GetDouble());
    }

    [Theory]
    [InlineData("\"2019-03-14T09:00:00Z\"")]
    [InlineData("\"2099-01-01T00:00:00Z\"")]
    [InlineData("\"2026-12-01T11:00:00+00:00\"")]
    [InlineData("\"2026-12-01T10:00:00+01:00\"")] // 09:00 UTC
    public async Task AnOnlineFromAnotherTimeIsStaleStatus(string timestamp)
    {
        var check = await RunAsync(_standIn, "kraken", Kraken("online", timestamp));

        Assert.Equal(("Unhealthy", "stale_status"), (check.Status(), check.Reason()));
        Assert.Contains("the gate's clock", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimestampAtAnotherOffsetIsReadAsTheInstantItNames()
    {
        var check = await RunAsync(_standIn, "kraken", Kraken("online", "\"2026-12-01T05:00:00-05:00\""));

        Assert.Equal(("Healthy", "ok"), (check.Status(), check.Reason()));
        Assert.Equal(0, check.Data("statusAgeSeconds").GetDouble());
    }

    [Theory]
    [InlineData("missing", null)]
    [InlineData("null", "null")]
    [InlineData("unix-seconds", "1795600800")]
    [InlineData("unix-seconds-string", "\"1795600800\"")]
    [InlineData("no-offset", "\"2026-12-01T10:00:00\"")]
    [InlineData("date-only", "\"2026-12-01\"")]
    [InlineData("words", "\"now\"")]
    [InlineData("empty", "\"\"")]
    public async Task AKrakenStatusWithoutAReadableTimestampIsInvalidResponse(string name, string? timestamp)
    {
        var check = await RunAsync(_standIn, "kraken", Kraken("online", timestamp));

        Assert.True((check.Status(), check.Reason()) == ("Unhealthy", "invalid_response"), $"{name}: {check}");
    }

    [Fact]
    public async Task AStaleKrakenMaintenanceIsStillNoGo()
    {
        var check = await RunAsync(_standIn, "kraken", Kraken("maintenance", Now.AddHours(-2)));

        Assert.Equal(("Unhealthy", "stale_status"), (check.Status(), check.Reason()));
    }

    [Fact]
    public async Task MaxStatusAgeSecondsWidensAndNarrowsTheBound()
    {
        var wide = await RunAsync(_standIn, "kraken", Kraken("online", Now.AddSeconds(-500)), o => o.MaxStatusAgeSeconds = 600);
        var narrow = await RunAsync(_standIn, "kraken", Kraken("online", Now.AddSeconds(-11)), o => o.MaxStatusAgeSeconds = 10);

        Assert.Equal("ok", wide.Reason());
        Assert.Equal("stale_status", narrow.Reason());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AnAnswerDatedOutsideTheBoundByHttpIsStaleStatusWhateverItSays(string format)
    {
        var old = await RunAsync(_standIn, format, OpenAnswer(format), answeredAt: Now.AddMinutes(-10));
        var ahead = await RunAsync(_standIn, format, OpenAnswer(format), answeredAt: Now.AddMinutes(10));
        var fresh = await RunAsync(_standIn, format, OpenAnswer(format), answeredAt: Now.AddSeconds(-90));

        Assert.Equal(("Unhealthy", "stale_status"), (old.Status(), old.Reason()));
        Assert.Equal(("Unhealthy", "stale_status"), (ahead.Status(), ahead.Reason()));
        Assert.Equal(("Healthy", "ok"), (fresh.Status(), fresh.Reason()));
        Assert.Equal("2026-12-01T09:50:00.000Z", old.Data("answeredAt").GetString());
        Assert.Equal(600, old.Data("answerAgeSeconds").GetDouble());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AnAnswerACacheHeldTooLongIsStaleStatus(string format)
    {
        // A cache keeps the origin's Date; its Age says how long it kept the answer.
        var held = await RunAsync(_standIn, format, OpenAnswer(format), headers: ("Age", "121"));
        var brief = await RunAsync(_standIn, format, OpenAnswer(format), headers: ("Age", "120"));

        Assert.Equal(("Unhealthy", "stale_status"), (held.Status(), held.Reason()));
        Assert.Equal(121, held.Data("cacheAgeSeconds").GetInt64());
        Assert.Equal(("Healthy", "ok"), (brief.Status(), brief.Reason()));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData("99999999999999999999999")]
    public async Task AnAgeThatIsNotOneWholeNumberOfSecondsIsInvalidResponse(string age)
    {
        var check = await RunAsync(_standIn, "binance", OpenAnswer("binance"), headers: ("Age", age));

        Assert.Equal(("Unhealthy", "invalid_response"), (check.Status(), check.Reason()));
    }

    [Fact]
    public async Task TwoDifferentAgesAreInvalidResponse()
    {
        var check = await RunAsync(_standIn, "binance", OpenAnswer("binance"), headers: [("Age", "0"), ("Age", "900")]);

        Assert.Equal(("Unhealthy", "invalid_response"), (check.Status(), check.Reason()));
    }

    [Theory]
    [InlineData("no-date", "")]
    [InlineData("unreadable-date", "Date: yesterday\r\n")]
    [InlineData("two-dates", "Date: Tue, 01 Dec 2026 10:00:00 GMT\r\nDate: Tue, 01 Dec 2026 08:00:00 GMT\r\n")]
    public async Task AnAnswerWithoutOneReadableHttpDateIsInvalidResponse(string name, string dateLines)
    {
        // Kestrel always dates its answers; a raw socket sends exactly these header lines.
        await using var target = RawHttpTarget.Start();
        var body = Encoding.UTF8.GetBytes(OpenAnswer("binance"));
        var answer = RawHttpTarget.Head(200, $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n{dateLines}").Concat(body).ToArray();
        target.Answer((stream, token) => stream.WriteAsync(answer, token).AsTask());

        var check = await RunAsync(target.Url("/sapi/v1/system/status"), "binance");

        Assert.True((check.Status(), check.Reason()) == ("Unhealthy", "invalid_response"), $"{name}: {check}");
        Assert.Contains("Date", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerDatedInTheObsoleteFormatIsReadAsHttpRequires()
    {
        await using var target = RawHttpTarget.Start();
        var body = Encoding.UTF8.GetBytes(OpenAnswer("binance"));
        var answer = RawHttpTarget.Head(200, $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\nDate: Tuesday, 01-Dec-26 09:59:30 GMT\r\n").Concat(body).ToArray();
        target.Answer((stream, token) => stream.WriteAsync(answer, token).AsTask());

        var check = await RunAsync(target.Url("/sapi/v1/system/status"), "binance");

        Assert.Equal(("Healthy", "ok"), (check.Status(), check.Reason()));
        Assert.Equal(30, check.Data("answerAgeSeconds").GetDouble());
    }

    private static string OpenAnswer(string format) => format switch
    {
        "binance" => """{"status":0,"msg":"normal"}""",
        "kraken" => Kraken("online", Now),
        _ => Summary("none"),
    };
}
