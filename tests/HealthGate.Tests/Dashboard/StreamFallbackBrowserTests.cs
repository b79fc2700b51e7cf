using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthGate.Tests.Dashboard;

/// <summary>
/// A page the gate's stream bound refuses falls back to one light request a period (<c>GET /events/version</c>) and
/// reads the whole page again only when the gate published a change: hundreds of such pages cost a replica a number
/// each, not every list and history every three seconds.
/// </summary>
public sealed class StreamFallbackBrowserTests(BrowserDependencies dependencies) : IClassFixture<BrowserDependencies>
{
    [Fact]
    public async Task OverTheStreamBoundThePagePollsOneNumberAndRefreshesOnlyOnAChange()
    {
        await using var desk = await DashboardDesk.StartAsync(dependencies.StandIn, dependencies.Redis);
        using var holder = new HttpClient { BaseAddress = new Uri(desk.Service.BaseUrl!), Timeout = Timeout.InfiniteTimeSpan };
        var streams = new List<HttpResponseMessage>();
        try
        {
            // Every stream the gate allows is taken, so the page's own is refused (503) and it must poll.
            for (var i = 0; i < HealthGate.Dashboard.DashboardEvents.MaxStreams; i++)
            {
                var response = await holder.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                streams.Add(response);
            }

            var requests = new ConcurrentQueue<string>();
            var page = await dependencies.Chromium.OpenAsync(desk.UiUrl);
            page.Request += (_, request) => requests.Enqueue(new Uri(request.Url).AbsolutePath);
            await Expect(page.Locator("#checks tbody tr[data-check]")).ToHaveCountAsync(DashboardDesk.CheckNames.Length);

            // Readiness runs every second here; none of them is a change the page must re-read everything for.
            await WaitForAsync(() => requests.Count(p => p == "/events/version") >= 2, "two light polls");
            var before = Snapshot(requests);
            await WaitForAsync(() => requests.Count(p => p == "/events/version") >= before.Version + 3, "three more light polls");
            var quiet = Snapshot(requests);
            Assert.Equal(before.Checks, quiet.Checks);

            using var version = JsonDocument.Parse(await holder.GetStringAsync(new Uri("/events/version", UriKind.Relative)));
            (await holder.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative))).EnsureSuccessStatusCode();
            using var after = JsonDocument.Parse(await holder.GetStringAsync(new Uri("/events/version", UriKind.Relative)));
            Assert.True(after.RootElement.GetProperty("version").GetInt64() > version.RootElement.GetProperty("version").GetInt64());
            await WaitForAsync(() => Snapshot(requests).Checks > quiet.Checks, "a full refresh after the preflight");
        }
        finally
        {
            foreach (var stream in streams)
            {
                stream.Dispose();
            }
        }
    }

    private static (int Version, int Checks) Snapshot(ConcurrentQueue<string> requests) =>
        (requests.Count(p => p == "/events/version"), requests.Count(p => p == "/checks"));

    private static Task WaitForAsync(Func<bool> condition, string what) =>
        ProcessRunner.WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(30), what);
}
