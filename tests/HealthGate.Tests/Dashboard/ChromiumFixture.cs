using Microsoft.Playwright;

namespace HealthGate.Tests.Dashboard;

/// <summary>
/// One headless Debian Chromium per test class, driven by Playwright. Playwright's own browser download is never
/// used: a machine without /usr/bin/chromium fails the tests, with the package to install.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests leave their screenshots: beside the test binaries, under the test output.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}; the dashboard's browser tests need it. Install it: apt-get install -y chromium (scripts/test.sh does).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>Opens <paramref name="url"/> in a new context; <paramref name="timezoneId"/> (IANA) is the browser's own time zone, the machine's when null.</summary>
    public async Task<IPage> OpenAsync(string url, int width = 1280, int height = 900, string? timezoneId = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = timezoneId });
        var page = await context.NewPageAsync();

        // Opened means the page has the gate's check list: the tests' own waits then time the page, not its first fetch.
        await page.RunAndWaitForResponseAsync(() => page.GotoAsync(url), response => new Uri(response.Url).AbsolutePath == "/checks" && response.Ok);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is null)
        {
            return;
        }

        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
