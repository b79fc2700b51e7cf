using System.Globalization;
using System.Net;
using System.Text.Json;
using HealthGate.Tests.Dashboard;
using HealthGate.Tests.Overrides;
using static Microsoft.Playwright.Assertions;

namespace HealthGate.Tests.Acknowledgements;

/// <summary>The dashboard in a real Chromium: an acknowledgement made while the page is open shows on its check's row, with who, until when and why.</summary>
public sealed class AcknowledgementBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task AnAcknowledgedCheckShowsWhoUntilWhenAndWhyWhileItsStatusStaysItsOwn()
    {
        await using var app = HealthGateApplication.With(GateScenario.People());
        var gate = new Uri(app.ServeOnLoopback());
        using var client = new HttpClient { BaseAddress = gate };
        var page = await chromium.OpenAsync(new Uri(gate, "/ui").ToString());
        var row = page.Locator("#checks tbody tr[data-check='baseline-disk']");
        await Expect(row).ToHaveAttributeAsync("data-status", "Healthy", new() { Timeout = 15_000 });
        await Expect(row.Locator(".acknowledged")).ToHaveCountAsync(0);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/checks/baseline-disk/acknowledgements")
        {
            Content = new StringContent("""{"minutes":30,"reason":"disk being replaced"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", GateScenario.KeyOf("olga"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var until = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("until").GetDateTimeOffset();

        // The page hears the acknowledgement on its event stream and reads /checks again.
        var note = row.Locator(".acknowledged");
        await Expect(note).ToHaveTextAsync(
            $"acknowledged by Olga Ivanova (olga) until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC: disk being replaced",
            new() { Timeout = 5_000 });
        await Expect(row).ToHaveAttributeAsync("data-status", "Healthy");
        await Expect(row.Locator("td[data-label='Status'] .badge")).ToContainTextAsync("Healthy");
    }
}
