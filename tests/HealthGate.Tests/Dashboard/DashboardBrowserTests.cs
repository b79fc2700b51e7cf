using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HealthGate.Tests.Dashboard;

/// <summary>The page at /ui in a real Chromium against the real service: what an operator sees, and that it moves by itself.</summary>
public sealed class DashboardBrowserTests(BrowserDependencies dependencies, ITestOutputHelper output) : IClassFixture<BrowserDependencies>
{
    // Once the gate knows of a change: its event, the page's debounce and fetches; generous for two shared cores, still
    // far below a reload's worth. The tests wait for the gate to know first (DashboardDesk.WaitUntilTheGateShowsAsync).
    private static readonly float ChangeTimeoutMs = (DashboardDesk.ReadinessPeriodSeconds * 1000) + 4000;

    private static readonly string[] BackendDependsOnRisk = ["risk"];

    private ChromiumFixture Chromium => dependencies.Chromium;

    [Fact]
    public async Task EveryConfiguredCheckIsShownWithItsStatus()
    {
        await using var desk = await StartDeskAsync();
        (await desk.Service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative))).EnsureSuccessStatusCode();
        var page = await Chromium.OpenAsync(desk.UiUrl);

        var rows = page.Locator("#checks tbody tr[data-check]");
        await Expect(rows).ToHaveCountAsync(DashboardDesk.CheckNames.Length);
        using var checks = JsonDocument.Parse(await desk.Service.Client.GetStringAsync(new Uri("/checks", UriKind.Relative)));
        foreach (var check in checks.RootElement.EnumerateArray())
        {
            var name = check.GetProperty("name").GetString()!;
            var row = page.Locator($"#checks tbody tr[data-check='{name}']");
            await Expect(row.Locator("th")).ToHaveTextAsync(name);
            await Expect(row).ToHaveAttributeAsync("data-status", "Healthy");
            await Expect(row.Locator("td[data-label='Status']")).ToContainTextAsync("Healthy");
            await Expect(row.Locator("td[data-label='Tier']")).ToHaveTextAsync(check.GetProperty("tier").GetString()!);
        }

        Assert.Equal(DashboardDesk.CheckNames.Order(), checks.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).Order());
        await Expect(page.Locator("#banner-live .banner-verdict")).ToHaveTextAsync("GO");
        await Expect(page.Locator("#stale")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "healthy.png");
    }

    [Fact]
    public async Task ADependencyTurnedOffAppearsOnTheOpenPageWithoutAReload()
    {
        await using var desk = await StartDeskAsync();
        (await desk.Service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative))).EnsureSuccessStatusCode();
        var page = await Chromium.OpenAsync(desk.UiUrl);
        var row = page.Locator("#checks tbody tr[data-check='backend-api']");
        await Expect(row).ToHaveAttributeAsync("data-status", "Healthy");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var clock = Stopwatch.StartNew();
        desk.StandIn.Respond(desk.ApiPath, 500, "backend down", "text/plain");
        await desk.WaitUntilTheGateShowsAsync("backend-api", "Unhealthy");
        await Expect(row).ToHaveAttributeAsync("data-status", "Unhealthy", new() { Timeout = ChangeTimeoutMs });
        output.WriteLine($"the failure showed on the open page {clock.ElapsedMilliseconds} ms after the dependency failed");

        await Expect(row.Locator("td[data-label='Status']")).ToContainTextAsync("Unhealthy");
        await Expect(row.Locator("td[data-label='Reason']")).ToHaveTextAsync("unexpected_status");
        await Expect(page.Locator("#checks tbody tr").First).ToHaveAttributeAsync("data-check", "backend-api");
        await Expect(row.Locator(".strip-cell[data-status='Unhealthy']").First).ToBeAttachedAsync();
        Assert.Equal(0, navigations);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

        // Live reads NO-GO at once, from the failing P0 check, although its last preflight was a PASS; a paper run now is a NO-GO too.
        await Expect(page.Locator("#banner-live .banner-verdict")).ToHaveTextAsync("NO-GO", new() { Timeout = ChangeTimeoutMs });
        await Expect(page.Locator("#banner-live [data-failing-check='backend-api']")).ToContainTextAsync("unexpected_status");
        await desk.Service.Client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        await Expect(page.Locator("#banner-paper .banner-verdict")).ToHaveTextAsync("NO-GO", new() { Timeout = ChangeTimeoutMs });
        await ScreenshotAsync(page, "failing.png");
    }

    [Fact]
    public async Task ARootCauseIsListedBeforeTheCheckItBlocksWhichSaysBlockedByIt()
    {
        await using var desk = await DashboardDesk.StartAsync(dependencies.StandIn, dependencies.Redis, BackendDependsOnRisk);
        await desk.WaitUntilTheGateShowsAsync("backend-api", "Healthy");
        var page = await Chromium.OpenAsync(desk.UiUrl);
        var backend = page.Locator("#checks tbody tr[data-check='backend-api']");
        await Expect(backend).ToHaveAttributeAsync("data-status", "Healthy", new() { Timeout = ChangeTimeoutMs });
        await Expect(backend.Locator(".blocked")).ToHaveCountAsync(0);

        desk.SetRiskLevel("CRITICAL");
        desk.StandIn.Respond(desk.ApiPath, 500, "backend down", "text/plain");
        await desk.WaitUntilTheGateShowsAsync("risk", "Unhealthy");
        await desk.WaitUntilTheGateShowsAsync("backend-api", "Unhealthy");

        await Expect(backend).ToHaveAttributeAsync("data-status", "Unhealthy", new() { Timeout = ChangeTimeoutMs });
        await Expect(backend.Locator("td[data-label='Status'] .blocked")).ToHaveTextAsync("blocked by risk", new() { Timeout = ChangeTimeoutMs });
        await Expect(backend).ToHaveAttributeAsync("data-blocked-by", "risk");

        // By tier alone the P0 backend-api would lead; the P1 risk check is its root cause, so it comes first.
        var rows = page.Locator("#checks tbody tr[data-check]");
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-check", "risk");
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-status", "Unhealthy");
        await Expect(rows.Nth(0).Locator(".blocked")).ToHaveCountAsync(0);
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-check", "backend-api");
        await ScreenshotAsync(page, "blocked.png");
    }

    [Fact]
    public async Task TheRunNowButtonPressedByKeyboardAddsARunRow()
    {
        await using var desk = await StartDeskAsync();
        var page = await Chromium.OpenAsync(desk.UiUrl);
        await Expect(page.Locator("#runs tbody tr.empty")).ToHaveCountAsync(1);

        await page.Locator("#run-paper").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#run-result")).ToContainTextAsync("Paper preflight: GO");
        var runRow = page.Locator("#runs tbody tr[data-run-id]");
        await Expect(runRow).ToHaveCountAsync(1);
        await Expect(runRow.Locator("td[data-label='Mode']")).ToHaveTextAsync("paper");
        var runId = await runRow.GetAttributeAsync("data-run-id");
        await Expect(runRow.Locator("a")).ToHaveAttributeAsync("href", $"/preflight/runs/{runId}/report.md");
        await Expect(page.Locator("#run-paper")).ToBeFocusedAsync();
        await Expect(page.Locator("#banner-paper .banner-verdict")).ToHaveTextAsync("GO");
    }

    [Fact]
    public async Task TheStaleMarkerAppearsWhenTheServiceStops()
    {
        await using var desk = await StartDeskAsync();
        var page = await Chromium.OpenAsync(desk.UiUrl);
        await Expect(page.Locator("#checks tbody tr[data-check]")).ToHaveCountAsync(DashboardDesk.CheckNames.Length);
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#stale")).ToBeHiddenAsync();

        await desk.Service.KillAsync();

        var stale = page.Locator("#stale");
        await Expect(stale).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(stale).ToHaveAttributeAsync("role", "alert");
        await Expect(stale).ToContainTextAsync("stale since");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Gate unreachable");
        await Expect(page.Locator("#checks tbody tr[data-check]")).ToHaveCountAsync(DashboardDesk.CheckNames.Length);
    }

    [Fact]
    public async Task ThePageHasNoHorizontalOverflowAtAPhoneWidthNorAtADesktopWidth()
    {
        await using var desk = await StartDeskAsync();
        desk.StandIn.Respond(desk.ApiPath, 500, "backend down", "text/plain");
        await desk.Service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        foreach (var width in new[] { 390, 1280 })
        {
            var page = await Chromium.OpenAsync(desk.UiUrl, width, 844);
            await Expect(page.Locator("#checks tbody tr[data-status='Unhealthy']").First).ToBeVisibleAsync();
            await Expect(page.Locator("#runs tbody tr[data-run-id]")).ToHaveCountAsync(1);

            var (scrollWidth, clientWidth) = await WidthsAsync(page);
            Assert.True(scrollWidth <= clientWidth, $"at {width} px the page scrolls sideways: scrollWidth {scrollWidth} > clientWidth {clientWidth}");
            if (width == 390)
            {
                await ScreenshotAsync(page, "phone.png");
            }
        }
    }

    [Fact]
    public async Task EveryControlIsReachableByKeyboardAndTheHistoryStripMovesWithArrowKeys()
    {
        await using var desk = await StartDeskAsync();
        var page = await Chromium.OpenAsync(desk.UiUrl);
        var strip = page.Locator("#checks tbody tr[data-check='redis'] .strip");
        await Expect(strip.Locator(".strip-cell").Nth(1)).ToBeAttachedAsync(new() { Timeout = 10_000 });

        await Expect(page.Locator("main")).ToHaveCountAsync(1);
        await Expect(page.Locator("header")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        var newest = strip.Locator(".strip-cell[tabindex='0']");
        await Expect(newest).ToHaveCountAsync(1);
        await newest.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");

        var focused = page.Locator(".strip-cell:focus");
        await Expect(focused).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^redis: Healthy at .+ \\(readiness, .+\\): PONG"));
        await Expect(page.Locator("#history-detail")).ToContainTextAsync("redis: Healthy at");
        await page.Keyboard.PressAsync("Tab");
        Assert.False(await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('strip-cell') && document.activeElement.closest('tr').dataset.check === 'redis'"));
    }

    private async Task<DashboardDesk> StartDeskAsync() => await DashboardDesk.StartAsync(dependencies.StandIn, dependencies.Redis);

    private static async Task<(int ScrollWidth, int ClientWidth)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        return (widths[0], widths[1]);
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ChromiumFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        Assert.True(new FileInfo(path).Length > 0);
    }
}
