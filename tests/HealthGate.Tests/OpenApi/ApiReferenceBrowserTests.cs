using System.Collections.Concurrent;
using HealthGate.Tests.Dashboard;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HealthGate.Tests.OpenApi;

/// <summary>The API explorer at /scalar in a real Chromium that may reach nothing but the gate: it renders the document.</summary>
public sealed class ApiReferenceBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task TheExplorerRendersTheEndpointsWithEveryRequestServedByTheGate()
    {
        await using var app = HealthGateApplication.With();
        var gate = new Uri(app.ServeOnLoopback());
        await using var context = await chromium.Browser.NewContextAsync();
        var blocked = new ConcurrentQueue<string>();
        var served = new ConcurrentQueue<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.Host == gate.Host && url.Port == gate.Port))
            {
                served.Enqueue(url.AbsolutePath);
                await route.ContinueAsync();
                return;
            }

            blocked.Enqueue(route.Request.Url);
            await route.AbortAsync("internetdisconnected");
        });
        var page = await context.NewPageAsync();
        page.RequestFailed += (_, request) => output.WriteLine($"failed: {request.Url} {request.Failure}");

        var response = await page.GotoAsync(new Uri(gate, "/scalar/").ToString());

        Assert.True(response is { Ok: true }, $"GET /scalar/ answered {response?.Status}");
        await Expect(page.GetByText("Runs the checks of a mode now and returns the verdict.").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("Requests a force_start (of a P1_FAIL run) or a skip_health_check; pending until every role of its policy approves.").First).ToBeVisibleAsync();
        await Expect(page.GetByText("200 while the process serves; touches no dependency.").First).ToBeVisibleAsync();
        await Expect(page.GetByText("X-Api-Key").First).ToBeVisibleAsync();
        output.WriteLine($"served by the gate: {string.Join(", ", served.Distinct())}");
        Assert.Contains("/openapi/v1.json", served);
        Assert.True(blocked.IsEmpty, $"the explorer asked outside the gate: {string.Join(", ", blocked)}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ChromiumFixture.ScreenshotDirectory, "api-reference.png") });
    }
}
