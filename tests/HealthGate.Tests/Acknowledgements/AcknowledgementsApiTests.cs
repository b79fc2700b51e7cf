using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthGate.Acknowledgements;
using HealthGate.Tests.Overrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Acknowledgements;

/// <summary>
/// <c>POST /checks/{name}/acknowledgements</c> over HTTP against the whole service: a person with their own key
/// silences a check for a while, with a reason, in the operational log and on <c>/checks</c>; nobody else can, and the
/// verdict is what it was.
/// </summary>
public sealed class AcknowledgementsApiTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private const string Reason = "venue maintenance window, feed team on it";

    public static TheoryData<string?, string, string, HttpStatusCode, string?> Answers => new()
    {
        { "olga", "feed", """{"minutes":30,"reason":"venue maintenance"}""", HttpStatusCode.Created, null },
        { "rita", "core", """{"minutes":1440,"reason":"a day"}""", HttpStatusCode.Created, null },
        { null, "feed", """{"minutes":30,"reason":"venue maintenance"}""", HttpStatusCode.Unauthorized, null },
        { "not-a-key-anyone-has", "feed", """{"minutes":30,"reason":"venue maintenance"}""", HttpStatusCode.Unauthorized, null },
        { "ops", "feed", """{"minutes":30,"reason":"venue maintenance"}""", HttpStatusCode.Forbidden, null },
        { "tess", "FEED", """{"minutes":5,"reason":"any case"}""", HttpStatusCode.Created, null },
        { "olga", "no-such-check", """{"minutes":30,"reason":"venue maintenance"}""", HttpStatusCode.NotFound, null },
        { "olga", "feed", """{"minutes":0,"reason":"venue maintenance"}""", HttpStatusCode.BadRequest, "minutes" },
        { "olga", "feed", """{"minutes":1441,"reason":"venue maintenance"}""", HttpStatusCode.BadRequest, "minutes" },
        { "olga", "feed", """{"reason":"venue maintenance"}""", HttpStatusCode.BadRequest, "minutes" },
        { "olga", "feed", """{"minutes":30,"reason":"  "}""", HttpStatusCode.BadRequest, "reason" },
        { "olga", "feed", """{"minutes":30}""", HttpStatusCode.BadRequest, "reason" },
        { "olga", "feed", """{"minutes":"soon","reason":"venue maintenance"}""", HttpStatusCode.BadRequest, null },
        { "olga", "feed", "not json", HttpStatusCode.BadRequest, null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task EachCallerAndBodyGetsItsAnswer(string? who, string check, string body, HttpStatusCode expected, string? badField)
    {
        await using var gate = GateScenario.WithPeople(fixture.StandIn);

        using var response = await PostAsync(gate, check, body, who);

        if (expected == HttpStatusCode.Created)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(check.ToLowerInvariant(), json.GetProperty("check").GetString());
            Assert.Equal(who, json.GetProperty("by").GetProperty("id").GetString());
            Assert.Equal(GateScenario.Desk[who!].Name, json.GetProperty("by").GetProperty("name").GetString());
            var minutes = JsonDocument.Parse(body).RootElement.GetProperty("minutes").GetInt32();
            Assert.Equal(TimeSpan.FromMinutes(minutes), json.GetProperty("until").GetDateTimeOffset() - json.GetProperty("at").GetDateTimeOffset());
            Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString(), json.GetProperty("reason").GetString());
            return;
        }

        var problem = await ProblemAssert.IsProblemAsync(response, expected);
        if (badField is not null)
        {
            Assert.Equal([badField], ProblemAssert.ErrorFields(problem));
        }

        // Refused means nothing silenced and nothing in the log.
        Assert.Empty((await gate.GetJsonAsync("/acknowledgements")).EnumerateArray());
        Assert.Empty(await OpLogReader.ReadAllAsync(gate.Client, OpLogEvents.CheckAcknowledged));
    }

    [Fact]
    public async Task AnAcknowledgementIsAnEntryOnTheChainInTheExportAndOnChecks()
    {
        await using var gate = GateScenario.WithPeople(fixture.StandIn);
        await gate.RunAsync("P1_FAIL");

        using var response = await PostAsync(gate, "feed", JsonSerializer.Serialize(new { minutes = 45, reason = Reason }), "jane");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var until = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("until").GetDateTimeOffset();

        var log = await OpLogReader.ReadAllAsync(gate.Client);
        OpLogReader.AssertIntact(log);
        var entry = Assert.Single(log, e => e.Kind == OpLogEvents.CheckAcknowledged);
        Assert.Equal(log[^1], entry);
        Assert.Equal(new Actor("jane", "Jane Smith", Actor.Person), entry.Who);
        Assert.Equal((Reason, OpLogEvents.Silence), (entry.Reason, entry.Decision));
        Assert.Equal($"check feed silenced for 45 min, until {Timestamps.ToText(until)}", entry.Comment);

        var text = await gate.Client.GetStringAsync(new Uri("/oplog/export?format=text", UriKind.Relative));
        var block = text.Split("\n\n").Single(b => b.Contains("CHECK_ACKNOWLEDGED", StringComparison.Ordinal));
        Assert.Contains("  Operator: Jane Smith\n", block, StringComparison.Ordinal);
        Assert.Contains($"  Reason: {Reason}\n", block, StringComparison.Ordinal);
        Assert.Contains("  Comment: check feed silenced for 45 min", block, StringComparison.Ordinal);
        Assert.Contains("  Kind: check_acknowledged\n", block, StringComparison.Ordinal);

        var feed = (await gate.GetJsonAsync("/checks")).EnumerateArray().Single(c => c.GetProperty("name").GetString() == "feed");
        Assert.Equal(until, feed.GetProperty("acknowledgedUntil").GetDateTimeOffset());
        Assert.Equal("jane", feed.GetProperty("acknowledgedBy").GetProperty("id").GetString());
        Assert.Equal("Jane Smith", feed.GetProperty("acknowledgedBy").GetProperty("name").GetString());
        Assert.Equal(Reason, feed.GetProperty("acknowledgedReason").GetString());
        Assert.Equal("Unhealthy", feed.GetProperty("status").GetString());
        var core = (await gate.GetJsonAsync("/checks")).EnumerateArray().Single(c => c.GetProperty("name").GetString() == "core");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (core.GetProperty("acknowledgedUntil").ValueKind, core.GetProperty("acknowledgedBy").ValueKind));
        var listed = Assert.Single((await gate.GetJsonAsync("/acknowledgements")).EnumerateArray());
        Assert.Equal(("feed", "jane", until), (listed.GetProperty("check").GetString(), listed.GetProperty("by").GetProperty("id").GetString(), listed.GetProperty("until").GetDateTimeOffset()));
    }

    [Fact]
    public async Task ThePreflightVerdictIsTheSameWithTheFailingCheckAcknowledged()
    {
        await using var gate = GateScenario.WithPeople(fixture.StandIn);
        var before = await PreflightAsync(gate, "P1_FAIL");

        using var response = await PostAsync(gate, "feed", JsonSerializer.Serialize(new { minutes = 60, reason = Reason }), "olga");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await PreflightAsync(gate, "P1_FAIL");

        Assert.Equal(before, after);
        Assert.Equal((503, 2, "Unhealthy"), after);
    }

    [Fact]
    public async Task AnAcknowledgementEndsWhenItsMinutesHavePassed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gate = new GateScenario(fixture.StandIn, GateScenario.People(), services => services.AddSingleton<TimeProvider>(clock));
        var book = gate.Services.GetRequiredService<AcknowledgementBook>();

        using var response = await PostAsync(gate, "feed", JsonSerializer.Serialize(new { minutes = 5, reason = Reason }), "olga");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(book.IsAcknowledged("feed", clock.GetUtcNow()));
        Assert.False(book.IsAcknowledged("core", clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.True(book.IsAcknowledged("feed", clock.GetUtcNow()));
        Assert.Single((await gate.GetJsonAsync("/acknowledgements")).EnumerateArray());

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(book.IsAcknowledged("feed", clock.GetUtcNow()));
        Assert.Empty((await gate.GetJsonAsync("/acknowledgements")).EnumerateArray());
        var feed = (await gate.GetJsonAsync("/checks")).EnumerateArray().Single(c => c.GetProperty("name").GetString() == "feed");
        Assert.Equal(JsonValueKind.Null, feed.GetProperty("acknowledgedUntil").ValueKind);
    }

    [Fact]
    public async Task ANewerAcknowledgementOfTheSameCheckReplacesTheOlder()
    {
        await using var gate = GateScenario.WithPeople(fixture.StandIn);
        using var first = await PostAsync(gate, "feed", JsonSerializer.Serialize(new { minutes = 600, reason = "long" }), "olga");
        using var second = await PostAsync(gate, "feed", JsonSerializer.Serialize(new { minutes = 1, reason = "back soon, shorter" }), "bob");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));

        var listed = Assert.Single((await gate.GetJsonAsync("/acknowledgements")).EnumerateArray());
        Assert.Equal(("bob", "back soon, shorter"), (listed.GetProperty("by").GetProperty("id").GetString(), listed.GetProperty("reason").GetString()));
        Assert.Equal(2, (await OpLogReader.ReadAllAsync(gate.Client, OpLogEvents.CheckAcknowledged)).Count);
    }

    [Fact]
    public async Task AnAcknowledgementOutlivesARestartOfTheService()
    {
        using var directory = new TempDirectory();
        var store = ("Storage:ConnectionString", (object?)$"Data Source={Path.Combine(directory.Path, "healthgate.db")}");
        DateTimeOffset until;
        await using (var gate = new GateScenario(fixture.StandIn, GateScenario.People(store)))
        {
            using var response = await PostAsync(gate, "feed", JsonSerializer.Serialize(new { minutes = 90, reason = Reason }), "tess");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            until = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("until").GetDateTimeOffset();
        }

        await using var restarted = new GateScenario(fixture.StandIn, GateScenario.People(store));

        var listed = Assert.Single((await restarted.GetJsonAsync("/acknowledgements")).EnumerateArray());
        Assert.Equal(("feed", "tess", until, Reason), (listed.GetProperty("check").GetString(), listed.GetProperty("by").GetProperty("id").GetString(), listed.GetProperty("until").GetDateTimeOffset(), listed.GetProperty("reason").GetString()));
        Assert.True(restarted.Services.GetRequiredService<AcknowledgementBook>().IsAcknowledged("feed", DateTimeOffset.UtcNow));
        OpLogReader.AssertIntact(await OpLogReader.ReadAllAsync(restarted.Client));
    }

    private static async Task<(int Status, int ExitCode, string? Feed)> PreflightAsync(GateScenario gate, string verdict)
    {
        await gate.RunAsync(verdict);
        var response = await gate.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var feed = json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "feed").GetProperty("status").GetString();
        return ((int)response.StatusCode, json.GetProperty("exitCode").GetInt32(), feed);
    }

    internal static async Task<HttpResponseMessage> PostAsync(GateScenario gate, string check, string body, string? who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/checks/{check}/acknowledgements", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (GateScenario.KeyOf(who) is { } key)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await gate.Client.SendAsync(request);
    }
}
