using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthGate.Contracts;
using HealthGate.Tests.Overrides;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HealthGate.Tests.Dashboard;

/// <summary>
/// The page's pending overrides and operational log in a real Chromium, against the service as its own process with
/// the desk's people (each with their own key): what an operator sees while a two-person override is decided.
/// </summary>
public sealed class OverridePanelsBrowserTests(BrowserDependencies dependencies, ITestOutputHelper output) : IClassFixture<BrowserDependencies>
{
    // The page refreshes on each event, and the desk's readiness run is an event every second.
    private static readonly float ChangeTimeoutMs = (DashboardDesk.ReadinessPeriodSeconds * 1000) + 4000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new UtcTimestampConverter() } };

    private ChromiumFixture Chromium => dependencies.Chromium;

    [Fact]
    public async Task APendingOverrideShowsEachRoleFilledOrAwaitedThenReadyToUseOnceApproved()
    {
        await using var desk = await StartDeskAsync();
        var runId = await FailedLiveRunAsync(desk);
        var requested = await RequestAsync(desk, runId, "exchange status page is stale");
        var id = requested.GetProperty("id").GetInt64();
        await DecideAsync(desk, id, "jane", "feed outage confirmed with the venue");
        var page = await Chromium.OpenAsync(desk.UiUrl);

        var card = page.Locator($"#pending article[data-override-id='{id}']");
        await Expect(card).ToHaveAttributeAsync("data-state", "pending");
        await Expect(card.Locator("h3")).ToHaveTextAsync($"#{id} force_start · live");
        await Expect(card.Locator(".override-state")).ToHaveTextAsync("PENDING: awaiting cto");
        var riskManager = card.Locator("li[data-role='risk-manager']");
        await Expect(riskManager).ToHaveAttributeAsync("data-filled", "true");
        await Expect(riskManager).ToContainTextAsync("risk-manager: approved by Jane Smith (jane)");
        await Expect(riskManager).ToContainTextAsync("feed outage confirmed with the venue");
        var cto = card.Locator("li[data-role='cto']");
        await Expect(cto).ToHaveAttributeAsync("data-filled", "false");
        await Expect(cto).ToHaveTextAsync(new Regex("cto: awaited$"));
        Assert.NotEqual(await StyleAsync(riskManager, "backgroundColor"), await StyleAsync(cto, "backgroundColor"));
        Assert.NotEqual(await StyleAsync(riskManager, "borderTopStyle"), await StyleAsync(cto, "borderTopStyle"));

        await Expect(card.Locator("[data-field='requestedBy']")).ToHaveTextAsync("Olga Ivanova (olga)");
        await Expect(card.Locator($"a[href='/preflight/runs/{runId}/report.md']")).ToHaveTextAsync(runId);
        await Expect(card.Locator("[data-field='reason']")).ToHaveTextAsync("exchange status page is stale");
        foreach (var text in new[] { "CHG-42", "orders may route to a venue whose status is unknown", "desk head watches fills for the first hour" })
        {
            await Expect(card).ToContainTextAsync(text);
        }

        var expiresAt = requested.GetProperty("expiresAt").GetDateTimeOffset();
        await Expect(card).ToContainTextAsync(expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
        await Expect(card.Locator(".until")).ToHaveTextAsync(new Regex(@"^in \d+ min$"));

        await ScreenshotAsync(page, "override-pending.png");

        await DecideAsync(desk, id, "bob", comment: null);

        await Expect(card).ToHaveAttributeAsync("data-state", "approved", new() { Timeout = ChangeTimeoutMs });
        await Expect(card.Locator(".override-state")).ToHaveTextAsync("APPROVED: ready to use");
        await Expect(cto).ToHaveAttributeAsync("data-filled", "true");
        await Expect(cto).ToContainTextAsync("cto: approved by Bob Jones (bob)");
        await Expect(page.Locator($"#overrides tbody tr[data-override-id='{id}']")).ToHaveAttributeAsync("data-state", "approved");
        await NoSidewaysScrollAtAPhoneWidthAsync(desk, id);

        // Used once, it leaves the panel and stays in the list as what it became.
        await PostAsync(desk, $"/overrides/{id}/use", null, "olga", HttpStatusCode.OK);
        await Expect(card).ToHaveCountAsync(0, new() { Timeout = ChangeTimeoutMs });
        await Expect(page.Locator("#pending .empty")).ToHaveTextAsync("No override is pending or waiting to be used.");
        await Expect(page.Locator($"#overrides tbody tr[data-override-id='{id}']")).ToHaveAttributeAsync("data-state", "used");
    }

    [Fact]
    public async Task TheOperationalLogListsEachEntryWithWhoDidItAndTheFiltersNarrowIt()
    {
        await using var desk = await StartDeskAsync();
        var runId = await FailedLiveRunAsync(desk);
        var id = (await RequestAsync(desk, runId, "exchange status page is stale")).GetProperty("id").GetInt64();
        await DecideAsync(desk, id, "jane", "seen the outage");
        await DecideAsync(desk, id, "bob", comment: null);
        desk.StandIn.Respond(desk.ApiPath, 500, "backend down", "text/plain");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await desk.Service.Client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative))).StatusCode);
        var log = await OpLogAsync(desk);
        Assert.Equal(
            [OpLogEvents.PreflightFailure, OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideDecided, OpLogEvents.OverrideApproved, OpLogEvents.PreflightFailure],
            log.Select(e => e.Kind));
        var page = await Chromium.OpenAsync(desk.UiUrl);

        var rows = page.Locator("#oplog tbody tr[data-seq]");
        await Expect(rows).ToHaveCountAsync(log.Length);
        await Expect(rows.First).ToHaveAttributeAsync("data-seq", log[^1].Seq.ToString(CultureInfo.InvariantCulture));
        await Expect(rows.Last).ToHaveAttributeAsync("data-seq", log[0].Seq.ToString(CultureInfo.InvariantCulture));
        var requested = Row(page, log[1].Seq);
        await Expect(requested.Locator("td[data-label='Event']")).ToContainTextAsync($"override_requested force_start #{id}");
        await Expect(requested.Locator("td[data-label='Who']")).ToHaveTextAsync("Olga Ivanova (olga)");
        await Expect(requested.Locator("td[data-label='Run']")).ToHaveTextAsync(runId);
        await Expect(requested.Locator("td[data-label='Reason / comment']")).ToContainTextAsync("exchange status page is stale");
        await Expect(Row(page, log[2].Seq).Locator("td[data-label='Who']")).ToHaveTextAsync("Jane Smith (jane)");
        await Expect(Row(page, log[2].Seq).Locator("td[data-label='Decision / role']")).ToHaveTextAsync("approve · risk-manager");
        await Expect(Row(page, log[2].Seq).Locator("td[data-label='Reason / comment']")).ToContainTextAsync("comment: seen the outage");
        await Expect(Row(page, log[3].Seq).Locator("td[data-label='Who']")).ToHaveTextAsync("Bob Jones (bob)");
        await Expect(Row(page, log[3].Seq).Locator("td[data-label='Decision / role']")).ToHaveTextAsync("approve · cto");
        var approved = Row(page, log[4].Seq);
        await Expect(approved.Locator("td[data-label='Event']")).ToContainTextAsync("override_approved");
        await Expect(approved.Locator("td[data-label='Who']")).ToHaveTextAsync(log[4].Who is null ? "gate" : $"{log[4].Who!.Name} ({log[4].Who!.Id})");
        await Expect(Row(page, log[0].Seq).Locator("td[data-label='Who']")).ToHaveTextAsync("gate");
        await Expect(Row(page, log[0].Seq).Locator("td[data-label='Event']")).ToContainTextAsync("P1_FAIL, exit 2: risk (P1, risk_critical)");
        var hash = approved.Locator("td[data-label='Hash'] code");
        await Expect(hash).ToHaveTextAsync(log[4].Hash[..12]);
        await Expect(hash).ToHaveAttributeAsync("title", log[4].Hash);

        // The kind goes to the server; the page shows what it answered.
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#oplog-kind").SelectOptionAsync(OpLogEvents.OverrideDecided),
            response => new Uri(response.Url).AbsolutePath == "/oplog" && response.Url.Contains($"kind={OpLogEvents.OverrideDecided}", StringComparison.Ordinal));
        Assert.True(answer.Ok);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator($"#oplog tbody tr[data-kind='{OpLogEvents.OverrideDecided}']")).ToHaveCountAsync(2);

        // A person, by id or name, and the mode narrow what is held, in the browser.
        await page.Locator("#oplog-text").FillAsync("Bob");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td[data-label='Who']")).ToHaveTextAsync("Bob Jones (bob)");
        await page.Locator("#oplog-text").FillAsync("");
        await page.Locator("#oplog-kind").SelectOptionAsync("");
        await Expect(rows).ToHaveCountAsync(log.Length);
        await page.Locator("#oplog-mode").SelectOptionAsync("paper");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td[data-label='Event']")).ToContainTextAsync("P0_FAIL");
        await page.Locator("#oplog-mode").SelectOptionAsync("");
        await page.Locator("#oplog-text").FillAsync(runId);
        await Expect(rows).ToHaveCountAsync(log.Count(e => e.RunId == runId));
        await Expect(page.Locator("#oplog-count")).ToContainTextAsync($"shown of all {log.Length} entries");
    }

    [Fact]
    public async Task TheLatestHundredEntriesAreShownOlderOnesOnRequestAndNewOnesArriveOnTheOpenPage()
    {
        await using var desk = await StartDeskAsync();
        desk.SetRiskLevel("CRITICAL");
        for (var i = 0; i < 102; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await desk.Service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative))).StatusCode);
        }

        var page = await Chromium.OpenAsync(desk.UiUrl);
        var rows = page.Locator("#oplog tbody tr[data-seq]");
        await Expect(rows).ToHaveCountAsync(100);
        await Expect(rows.First).ToHaveAttributeAsync("data-seq", "102");
        await Expect(rows.Last).ToHaveAttributeAsync("data-seq", "3");
        await Expect(page.Locator("#oplog-count")).ToHaveTextAsync("100 shown of the latest 100 entries.");

        await page.Locator("#oplog-older").ClickAsync();
        await Expect(rows).ToHaveCountAsync(102);
        await Expect(rows.Last).ToHaveAttributeAsync("data-seq", "1");
        await Expect(page.Locator("#oplog-older")).ToBeHiddenAsync();

        await desk.Service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        await Expect(rows.First).ToHaveAttributeAsync("data-seq", "103", new() { Timeout = ChangeTimeoutMs });
        await Expect(rows).ToHaveCountAsync(102);
        await Expect(page.Locator("#oplog-older")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TextFromTheApiIsShownAsTextNeverAsMarkup()
    {
        const string Script = "<script>window.__injected=1</script> feed stale";
        const string Image = "<img src=x onerror=\"window.__injected=2\">";
        await using var desk = await StartDeskAsync();
        var runId = await FailedLiveRunAsync(desk);
        var id = (await RequestAsync(desk, runId, Script, ticket: Image)).GetProperty("id").GetInt64();
        await DecideAsync(desk, id, "jane", "<b>checked</b>");

        var page = await Chromium.OpenAsync(desk.UiUrl);

        var card = page.Locator($"#pending article[data-override-id='{id}']");
        await Expect(card.Locator("[data-field='reason']")).ToHaveTextAsync(Script);
        await Expect(card).ToContainTextAsync(Image);
        await Expect(card.Locator("li[data-role='risk-manager']")).ToContainTextAsync("<b>checked</b>");
        await Expect(page.Locator($"#overrides tbody tr[data-override-id='{id}'] td[data-label='Reason']")).ToHaveTextAsync(Script);
        await Expect(page.Locator("#oplog tbody tr[data-kind='override_requested'] td[data-label='Reason / comment']")).ToContainTextAsync(Script);
        await Expect(page.Locator("#oplog tbody tr[data-kind='override_decided'] td[data-label='Reason / comment']")).ToContainTextAsync("<b>checked</b>");
        Assert.Equal(0, await page.Locator("main script, main img, main b").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__injected === undefined"));
    }

    private async Task<DashboardDesk> StartDeskAsync() =>
        await DashboardDesk.StartAsync(dependencies.StandIn, dependencies.Redis, settings: GateScenario.People());

    private static ILocator Row(IPage page, long seq) => page.Locator($"#oplog tbody tr[data-seq='{seq}']");

    /// <summary>A live preflight that fails on the P1 risk check only: the run a force_start may override.</summary>
    private static async Task<string> FailedLiveRunAsync(DashboardDesk desk)
    {
        desk.SetRiskLevel("CRITICAL");
        using var response = await desk.Service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Verdicts.P1FailToken, run.GetProperty("verdict").GetString());
        return run.GetProperty("runId").GetString()!;
    }

    /// <summary>Olga, with her own key, asks to force-start <paramref name="runId"/>.</summary>
    private static Task<JsonElement> RequestAsync(DashboardDesk desk, string runId, string reason, string ticket = "CHG-42") => PostAsync(
        desk,
        "/overrides",
        new
        {
            kind = "force_start",
            mode = "live",
            runId,
            reason,
            ticket,
            impact = "orders may route to a venue whose status is unknown",
            mitigation = "desk head watches fills for the first hour",
        },
        "olga",
        HttpStatusCode.Created);

    private static Task<JsonElement> DecideAsync(DashboardDesk desk, long id, string who, string? comment) =>
        PostAsync(desk, $"/overrides/{id}/approvals", new { decision = "approve", comment }, who, HttpStatusCode.OK);

    private static async Task<JsonElement> PostAsync(DashboardDesk desk, string path, object? body, string who, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", GateScenario.KeyOf(who));
        using var response = await desk.Service.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} as {who}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<OpLogRecord[]> OpLogAsync(DashboardDesk desk)
    {
        var page = await desk.Service.Client.GetFromJsonAsync<Page<OpLogRecord>>(new Uri("/oplog?limit=500", UriKind.Relative), Json);
        return [.. page!.Items];
    }

    private static Task<string> StyleAsync(ILocator locator, string property) =>
        locator.EvaluateAsync<string>($"node => getComputedStyle(node).{property}");

    private async Task NoSidewaysScrollAtAPhoneWidthAsync(DashboardDesk desk, long id)
    {
        var phone = await Chromium.OpenAsync(desk.UiUrl, 390, 844);
        await Expect(phone.Locator($"#pending article[data-override-id='{id}']")).ToBeVisibleAsync();
        await Expect(phone.Locator("#oplog tbody tr[data-seq]").First).ToBeVisibleAsync();
        var widths = await phone.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"at 390 px the page scrolls sideways: scrollWidth {widths[0]} > clientWidth {widths[1]}");
        await ScreenshotAsync(phone, "overrides-phone.png");
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ChromiumFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        Assert.True(new FileInfo(path).Length > 0);
    }
}
