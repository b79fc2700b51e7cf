using System.Globalization;
using System.Text.Json;
using HealthGate.Checks.Session;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The <c>session</c> check on a fake clock: windows in local time across the 2026 daylight-saving changes of
/// Europe/London (29 March, 25 October) and America/New_York (8 March), across midnight, and with blackouts.
/// </summary>
public sealed class SessionCheckTests
{
    private static readonly string[] WeekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri"];

    private static readonly SessionWindowOptions[] LondonWeekdays = [Window("Mon,Tue,Wed,Thu,Fri", "08:00", "16:30")];

    [Fact]
    public void TheHostKnowsTheIanaZonesTheTestsUse()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(TimeSpan.FromHours(1), london.GetUtcOffset(At("2026-07-01T12:00:00Z")));
        Assert.Equal(TimeSpan.Zero, london.GetUtcOffset(At("2026-12-01T12:00:00Z")));
        Assert.Equal(TimeSpan.FromHours(-4), newYork.GetUtcOffset(At("2026-07-01T12:00:00Z")));
    }

    [Theory]
    [InlineData("2026-03-27T07:30:00Z", "Unhealthy", "outside_session")] // Fri 07:30 GMT
    [InlineData("2026-03-27T08:00:00Z", "Healthy", "ok")] // Fri 08:00 GMT, the window opens
    [InlineData("2026-03-27T16:29:59Z", "Healthy", "ok")]
    [InlineData("2026-03-27T16:30:00Z", "Unhealthy", "outside_session")] // the end is exclusive
    [InlineData("2026-03-30T07:00:00Z", "Healthy", "ok")] // Mon 08:00 BST, after the spring change
    [InlineData("2026-03-30T07:30:00Z", "Healthy", "ok")]
    [InlineData("2026-03-30T15:30:00Z", "Unhealthy", "outside_session")] // Mon 16:30 BST
    [InlineData("2026-10-23T07:00:00Z", "Healthy", "ok")] // Fri 08:00 BST
    [InlineData("2026-10-26T07:30:00Z", "Unhealthy", "outside_session")] // Mon 07:30 GMT, after the autumn change
    [InlineData("2026-10-26T08:00:00Z", "Healthy", "ok")]
    [InlineData("2026-03-28T10:00:00Z", "Unhealthy", "outside_session")] // Saturday
    public void AWindowFollowsTheLocalWallClockAcrossDaylightSaving(string now, string status, string reason)
    {
        var check = Run(Options("Europe/London", LondonWeekdays), now);

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
    }

    [Fact]
    public void InsideTheSessionTheAnswerSaysWhenItCloses()
    {
        var check = Run(Options("Europe/London", LondonWeekdays), "2026-03-30T07:30:00Z");

        Assert.Equal("2026-03-30T15:30:00.000Z", check.Data("closesAt").GetString());
        Assert.Equal("2026-03-30T08:30:00+01:00", check.Data("localTime").GetString());
        Assert.Equal("Europe/London", check.Data("timeZone").GetString());
    }

    [Theory]
    [InlineData("2026-03-27T17:00:00Z", "2026-03-30T07:00:00.000Z")] // Friday evening GMT: Monday 08:00 BST
    [InlineData("2026-03-30T05:00:00Z", "2026-03-30T07:00:00.000Z")]
    [InlineData("2026-10-23T16:00:00Z", "2026-10-26T08:00:00.000Z")] // Friday after close BST: Monday 08:00 GMT
    public void OutsideTheSessionTheAnswerSaysWhenItNextOpensInUtc(string now, string nextOpenAt)
    {
        var check = Run(Options("Europe/London", LondonWeekdays), now);

        Assert.Equal("outside_session", check.Reason());
        Assert.Equal(nextOpenAt, check.Data("nextOpenAt").GetString());
        Assert.Contains(nextOpenAt, check.Description(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-07T03:00:00Z", "Healthy", null)] // Mon 03:00: Sunday's window
    [InlineData("2026-12-04T05:59:00Z", "Healthy", null)] // Fri 05:59: Thursday's window
    [InlineData("2026-12-04T06:00:00Z", "Unhealthy", "2026-12-06T22:00:00.000Z")] // Fri 06:00: closed until Sunday night
    [InlineData("2026-12-05T03:00:00Z", "Unhealthy", "2026-12-06T22:00:00.000Z")] // Sat 03:00: Friday has no window
    [InlineData("2026-12-06T22:00:00Z", "Healthy", null)]
    public void AWindowEndingAtOrBeforeItsStartCrossesMidnightAndBelongsToItsStartDay(string now, string status, string? nextOpenAt)
    {
        var check = Run(Options("Europe/London", [Window("Sun,Mon,Tue,Wed,Thu", "22:00", "06:00")]), now);

        Assert.Equal(status, check.Status());
        if (nextOpenAt is not null)
        {
            Assert.Equal(nextOpenAt, check.Data("nextOpenAt").GetString());
        }
    }

    [Fact]
    public void AWindowFromMidnightToMidnightEveryDayIsAlwaysOpenWithNoClosingTime()
    {
        var check = Run(Options("America/New_York", [Window("Mon,Tue,Wed,Thu,Fri,Sat,Sun", "00:00", "00:00")]), "2026-03-08T07:30:00Z");

        Assert.Equal("Healthy", check.Status());
        Assert.False(check.GetProperty("data").TryGetProperty("closesAt", out _));
    }

    [Fact]
    public void ADayWithAWindowEndingAtMidnightIsJoinedToTheNextDaysWindow()
    {
        var check = Run(Options("Europe/London", [Window("Mon", "12:00", "00:00"), Window("Tue", "00:00", "10:00")]), "2026-12-07T23:00:00Z");

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("2026-12-08T10:00:00.000Z", check.Data("closesAt").GetString());
    }

    [Theory]
    // New York skips 02:00-03:00 on Sunday 8 March 2026 (07:00Z): a window opening at 02:30 opens at the jump.
    [InlineData("2026-03-08T06:59:00Z", "Unhealthy", "nextOpenAt", "2026-03-08T07:00:00.000Z")]
    [InlineData("2026-03-08T07:00:00Z", "Healthy", "closesAt", "2026-03-08T08:00:00.000Z")]
    public void AWindowOpeningAtASkippedTimeOpensWhenTheClocksJump(string now, string status, string key, string expected)
    {
        var check = Run(Options("America/New_York", [Window("Sun", "02:30", "04:00")]), now);

        Assert.Equal(status, check.Status());
        Assert.Equal(expected, check.Data(key).GetString());
    }

    [Fact]
    public void AWindowClosingAtASkippedTimeClosesWhenTheClocksJump()
    {
        var check = Run(Options("America/New_York", [Window("Sat", "22:00", "02:30")]), "2026-03-08T06:59:00Z");

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("2026-03-08T07:00:00.000Z", check.Data("closesAt").GetString());
    }

    [Theory]
    // London reads 01:00-02:00 twice on Sunday 25 October 2026: first BST (00:00-01:00Z), then GMT (01:00-02:00Z).
    [InlineData("2026-10-25T00:45:00Z", "Unhealthy")] // the first 01:45: the window has not opened yet
    [InlineData("2026-10-25T01:29:00Z", "Unhealthy")]
    [InlineData("2026-10-25T01:30:00Z", "Healthy")] // the second 01:30
    public void AWindowOpeningAtARepeatedTimeOpensAtItsLaterOccurrence(string now, string status)
    {
        var check = Run(Options("Europe/London", [Window("Sun", "01:30", "03:00")]), now);

        Assert.Equal(status, check.Status());
        if (status == "Unhealthy")
        {
            Assert.Equal("2026-10-25T01:30:00.000Z", check.Data("nextOpenAt").GetString());
        }
    }

    [Theory]
    [InlineData("2026-10-25T00:29:00Z", "Healthy")]
    [InlineData("2026-10-25T00:30:00Z", "Unhealthy")] // the first 01:30 closes it
    [InlineData("2026-10-25T01:15:00Z", "Unhealthy")] // the second 01:15 does not reopen it
    public void AWindowClosingAtARepeatedTimeClosesAtItsEarlierOccurrence(string now, string status)
    {
        var check = Run(Options("Europe/London", [Window("Sat", "22:00", "01:30")]), now);

        Assert.Equal(status, check.Status());
    }

    [Fact]
    public void ABlackoutInsideAWindowIsBlackoutWithItsReasonEndAndTheNextOpeningAfterIt()
    {
        var options = Options("Europe/London", LondonWeekdays, Blackout("2026-12-24T12:00:00Z", "2026-12-29T00:00:00Z", "Christmas"));

        var check = Run(options, "2026-12-24T13:00:00Z");

        Assert.Equal(("Unhealthy", "blackout"), (check.Status(), check.Reason()));
        Assert.Equal("Christmas", check.Data("blackoutReason").GetString());
        Assert.Equal("2026-12-29T00:00:00.000Z", check.Data("blackoutEndsAt").GetString());
        Assert.Equal("2026-12-29T08:00:00.000Z", check.Data("nextOpenAt").GetString());
        Assert.Contains("Christmas", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeABlackoutTheSessionClosesWhenItStarts()
    {
        var options = Options("Europe/London", LondonWeekdays, Blackout("2026-12-24T13:00:00+01:00", "2026-12-29T00:00:00Z", "Christmas"));

        var check = Run(options, "2026-12-24T11:00:00Z");

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("2026-12-24T12:00:00.000Z", check.Data("closesAt").GetString());
    }

    [Fact]
    public void ABlackoutOutsideTheWindowsStillNamesItselfAndTheOpeningSkipsOverlappingBlackouts()
    {
        var options = Options(
            "Europe/London",
            LondonWeekdays,
            Blackout("2026-12-26T00:00:00Z", "2026-12-29T12:00:00Z", "Boxing Day to Tuesday noon"),
            Blackout("2026-12-29T11:00:00Z", "2026-12-30T09:00:00Z", "venue migration"));

        var check = Run(options, "2026-12-27T10:00:00Z");

        Assert.Equal("blackout", check.Reason());
        Assert.Equal("2026-12-30T09:00:00.000Z", check.Data("nextOpenAt").GetString());
    }

    [Fact]
    public async Task TheCheckReadsTheServicesInjectedClock()
    {
        var time = new FakeTimeProvider(At("2026-03-30T07:30:00Z"));
        var settings = HealthGateApplication.Flatten(Check(
            "session",
            "session",
            "P1",
            ("TimeZone", "Europe/London"),
            ("Windows:0:Days", WeekdayNames),
            ("Windows:0:From", "08:00"),
            ("Windows:0:To", "16:30"),
            ("Blackouts:0:From", "2026-12-24T12:00:00Z"),
            ("Blackouts:0:To", "2026-12-29T00:00:00Z"),
            ("Blackouts:0:Reason", "Christmas")));
        await using var app = new HealthGateApplication(settings) { ExtraServices = s => s.AddSingleton<TimeProvider>(time) };

        var open = await CheckJson.RunAsync(app, "session");
        time.SetUtcNow(At("2026-03-30T15:31:00Z"));
        var closed = await CheckJson.RunAsync(app, "session");

        Assert.Equal(("Healthy", "ok"), (open.Status(), open.Reason()));
        Assert.Equal(("Unhealthy", "outside_session"), (closed.Status(), closed.Reason()));
        Assert.Equal("2026-03-31T07:00:00.000Z", closed.Data("nextOpenAt").GetString());
    }

    [Theory]
    [InlineData("TimeZone", null, "HealthGate:Checks:session:TimeZone: is required")]
    [InlineData("TimeZone", "Europe/Londn", "HealthGate:Checks:session:TimeZone: unknown time zone 'Europe/Londn'")]
    [InlineData("Windows:0:From", null, "HealthGate:Checks:session:Windows: must list at least one window")]
    [InlineData("Windows:0:Days:0", null, "HealthGate:Checks:session:Windows:0:Days: must list at least one day")]
    [InlineData("Windows:0:Days:0", "Monday", "HealthGate:Checks:session:Windows:0:Days:0: 'Monday' is not a day")]
    [InlineData("Windows:0:From", "8:00", "HealthGate:Checks:session:Windows:0:From: must be a local time HH:mm")]
    [InlineData("Windows:0:To", "24:00", "HealthGate:Checks:session:Windows:0:To: must be a local time HH:mm")]
    [InlineData("Windows:0:To", "16:30:00", "HealthGate:Checks:session:Windows:0:To: must be a local time HH:mm")]
    [InlineData("Windows:0:Day:0", "Mon", "HealthGate:Checks:session:Windows:0:Day: unknown key")]
    [InlineData("Blackouts:0:From", "2026-12-24T12:00:00", "HealthGate:Checks:session:Blackouts:0:From: must be an ISO 8601 instant with Z or an offset")]
    [InlineData("Blackouts:0:From", "24/12/2026 12:00Z", "HealthGate:Checks:session:Blackouts:0:From: must be an ISO 8601 instant")]
    [InlineData("Blackouts:0:To", "2026-12-24T12:00:00Z", "HealthGate:Checks:session:Blackouts:0:To: must be after From")]
    [InlineData("Blackouts:0:Reason", null, "HealthGate:Checks:session:Blackouts:0:Reason: is required")]
    public void BadConfigurationIsRefusedNamingTheKey(string key, string? value, string expected)
    {
        var keys = new Dictionary<string, object?>
        {
            ["TimeZone"] = "Europe/London",
            ["Windows:0:Days:0"] = "Mon",
            ["Windows:0:From"] = "08:00",
            ["Windows:0:To"] = "16:30",
            ["Blackouts:0:From"] = "2026-12-24T12:00:00Z",
            ["Blackouts:0:To"] = "2026-12-29T00:00:00Z",
            ["Blackouts:0:Reason"] = "Christmas",
        };
        if (value is null && key.StartsWith("Windows:0:From", StringComparison.Ordinal))
        {
            // No window at all.
            keys.Remove("Windows:0:Days:0");
            keys.Remove("Windows:0:From");
            keys.Remove("Windows:0:To");
        }
        else if (value is null)
        {
            keys.Remove(key);
        }
        else
        {
            keys[key] = value;
        }

        var errors = CheckJson.ConfigErrors(Check("session", "session", "P1", [.. keys.Select(k => (k.Key, k.Value))]));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private static SessionWindowOptions Window(string days, string from, string to) => new() { Days = days.Split(','), From = from, To = to };

    private static SessionBlackoutOptions Blackout(string from, string to, string reason) => new() { From = from, To = to, Reason = reason };

    private static SessionCheckOptions Options(string zone, SessionWindowOptions[] windows, params SessionBlackoutOptions[] blackouts) =>
        new() { TimeZone = zone, Windows = windows, Blackouts = blackouts };

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    /// <summary>The check at <paramref name="now"/> on a fake clock; shown as the preflight JSON shows it.</summary>
    private static JsonElement Run(SessionCheckOptions options, string now)
    {
        var check = new SessionHealthCheck(options, new FakeTimeProvider(At(now)));
        var result = check.CheckHealthAsync(new HealthCheckContext()).GetAwaiter().GetResult();
        return JsonSerializer.SerializeToElement(new
        {
            status = result.Status.ToString(),
            reason = result.Data["reason"],
            description = result.Description,
            data = result.Data.Where(d => d.Key != "reason").ToDictionary(),
        });
    }
}
