using System.Globalization;
using System.Text.Json;
using HealthGate.Tests.Dashboard;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Class 17 of docs/fail-closed.md: the operator's page says NO-GO when the evidence does. The real service with a
/// real Redis (P0), a risk endpoint (P1) and readiness every second, its page in Chromium set to New York time: each
/// row breaks what it names (or nothing), and the cards at the top must read what a launcher would be told now.
/// </summary>
public sealed class PageVerdictTests(BrowserDependencies dependencies, ITestOutputHelper output) : IClassFixture<BrowserDependencies>
{
    private const string Paper = "paper";
    private const string Live = "live";

    /// <summary>A time zone far from UTC, so a time written in the browser's own zone cannot pass for UTC.</summary>
    private const string BrowserTimeZone = "America/New_York";

    /// <summary>Readiness runs every second; a change reaches the page within a few periods even on a loaded machine.</summary>
    private static readonly float ChangeTimeoutMs = 20_000;

    /// <summary>
    /// Rows: the verdicts' lifetime, whether paper and live preflights PASS first, what breaks after them, and what
    /// each card must then read, with the checks it must name.
    /// </summary>
    private static readonly Dictionary<string, PageRow> Rows = new()
    {
        // The reported case: Redis down, the last preflights expired: both cards NO-GO naming redis, not grey EXPIRED.
        ["17/p0-down-after-the-verdicts-expired"] = new(TtlSeconds: 1, Preflights: true, Break.Redis, ("NO-GO", ["redis"]), ("NO-GO", ["redis"])),
        // A PASS of a minute ago does not outweigh a P0 failing now.
        ["17/p0-down-under-an-unexpired-pass"] = new(TtlSeconds: 600, Preflights: true, Break.Redis, ("NO-GO", ["redis"]), ("NO-GO", ["redis"])),
        // A P1 failing now stops live; paper, which does not run P1, keeps its unexpired PASS.
        ["17/p1-down-under-an-unexpired-pass"] = new(TtlSeconds: 600, Preflights: true, Break.Risk, ("GO", []), ("NO-GO", ["risk"])),
        // No preflight yet is no excuse: the failing P0 is named.
        ["17/p0-down-before-any-preflight"] = new(TtlSeconds: 600, Preflights: false, Break.Redis, ("NO-GO", ["redis"]), ("NO-GO", ["redis"])),
        // Nothing failing but every verdict expired: no card and no listed run reads GO.
        ["17/expired-pass-nothing-failing"] = new(TtlSeconds: 1, Preflights: true, Break.Nothing, ("EXPIRED", []), ("EXPIRED", [])),
    };

    private enum Break
    {
        Nothing,
        Redis,
        Risk,
    }

    public static TheoryData<string> RowNames => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task EachCardReadsWhatTheFreshestEvidenceSaysAndEveryRowShowsItsAgeSourceAndUtcTime(string row)
    {
        var spec = Rows[row];
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            await CheckRowAsync(row, spec, redis);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    private async Task CheckRowAsync(string row, PageRow spec, RedisServer redis)
    {
        await using var desk = await PageDesk.StartAsync(dependencies.StandIn, redis, spec.TtlSeconds);
        if (spec.Preflights)
        {
            (await desk.PreflightAsync(Paper)).AssertPass();
            (await desk.PreflightAsync(Live)).AssertPass();
        }

        var page = await dependencies.Chromium.OpenAsync(desk.UiUrl, timezoneId: BrowserTimeZone);
        if (!spec.Preflights)
        {
            await ExpectCardAsync(page, Paper, "NO RUN YET", []);
            await ExpectCardAsync(page, Live, "NO RUN YET", []);
        }
        else if (spec.TtlSeconds == 1)
        {
            // Expired and nothing failing: grey EXPIRED, never GO, on the cards and in the list of runs.
            await ExpectCardAsync(page, Paper, "EXPIRED", []);
            await ExpectCardAsync(page, Live, "EXPIRED", []);
            await Expect(page.Locator("#runs tbody .verdict-badge[data-state='go']")).ToHaveCountAsync(0, new() { Timeout = ChangeTimeoutMs });
            await Expect(page.Locator("#runs tbody .verdict-badge[data-state='expired']")).ToHaveCountAsync(2);
        }
        else
        {
            // GO first, so the NO-GO below is the break's doing.
            await ExpectCardAsync(page, Paper, "GO", []);
            await ExpectCardAsync(page, Live, "GO", []);
        }

        switch (spec.Break)
        {
            case Break.Redis:
                await redis.StopAsync();
                break;
            case Break.Risk:
                desk.SetRiskLevel("CRITICAL");
                break;
        }

        await ExpectCardAsync(page, Paper, spec.Paper.Label, spec.Paper.Names);
        await ExpectCardAsync(page, Live, spec.Live.Label, spec.Live.Names);
        var failing = spec.Paper.Names.Concat(spec.Live.Names).Distinct().ToList();
        foreach (var name in failing)
        {
            // The card says where and when the failure was seen: a readiness run, seconds ago, in UTC.
            var item = page.Locator($"#banner-live [data-failing-check='{name}']");
            await Expect(item).ToContainTextAsync("Unhealthy");
            await Expect(item).ToContainTextAsync("readiness");
            await Expect(item).ToContainTextAsync(" ago");
            await ExpectUtcAsync(item.Locator("time"));
        }

        // Every row of the table shows its result's age, its source and its time in UTC.
        var rows = page.Locator("#checks tbody tr[data-check]");
        await Expect(rows).ToHaveCountAsync(PageDesk.CheckNames.Length);
        foreach (var name in PageDesk.CheckNames)
        {
            var checkRow = page.Locator($"#checks tbody tr[data-check='{name}']");
            var updated = checkRow.Locator("td[data-label='Last result']");
            if (await checkRow.GetAttributeAsync("data-status") == "Unknown")
            {
                // Only the P2 disk, outside readiness, before any preflight.
                Assert.Equal(("reports-disk", false), (name, spec.Preflights));
                await Expect(updated).ToContainTextAsync("not run yet");
                continue;
            }

            await Expect(updated.Locator(".age")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ (s|min|h|d) ago$"));
            await Expect(updated.Locator(".source")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(readiness|preflight \((paper|live)\))$"));
            await ExpectUtcAsync(updated.Locator("time"));
        }

        foreach (var name in failing)
        {
            var failed = page.Locator($"#checks tbody tr[data-check='{name}']");
            await Expect(failed).ToHaveAttributeAsync("data-status", "Unhealthy");
            await Expect(failed.Locator(".source")).ToHaveTextAsync("readiness");
        }

        var file = Path.Combine(ChromiumFixture.ScreenshotDirectory, $"{row.Replace('/', '-')}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        output.WriteLine($"screenshot: {file}");
    }

    /// <summary>The card's headline, and exactly the checks it names as deciding it.</summary>
    private static async Task ExpectCardAsync(IPage page, string mode, string label, string[] names)
    {
        var card = page.Locator($"#banner-{mode}");
        await Expect(card.Locator(".banner-verdict")).ToHaveTextAsync(label, new() { Timeout = ChangeTimeoutMs });
        await Expect(card).ToHaveAttributeAsync("data-state", label switch { "GO" => "go", "NO-GO" => "nogo", "EXPIRED" => "expired", _ => "none" });

        var named = card.Locator("[data-failing-check]");
        await Expect(named).ToHaveCountAsync(names.Length, new() { Timeout = ChangeTimeoutMs });
        foreach (var name in names)
        {
            await Expect(card.Locator($"[data-failing-check='{name}']")).ToContainTextAsync(name);
        }
    }

    /// <summary>A <c>time</c> element written in UTC: its text is its own instant as <c>yyyy-MM-dd HH:mm:ss UTC</c>.</summary>
    private static async Task ExpectUtcAsync(ILocator time)
    {
        // One read of both, in the page: the rows are rebuilt every second with newer results.
        var (instant, text) = await time.EvaluateAsync<string[]>("t => [t.getAttribute('datetime'), t.textContent]") switch
        {
            [var datetime, var shown] => (DateTimeOffset.Parse(datetime, CultureInfo.InvariantCulture), shown),
            var other => throw new InvalidOperationException($"unexpected read of a time element: {string.Join(", ", other)}"),
        };
        Assert.Equal(instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), text);
    }

    private sealed record PageRow(int TtlSeconds, bool Preflights, Break Break, (string Label, string[] Names) Paper, (string Label, string[] Names) Live);

    /// <summary>The desk: Redis and disk at P0, risk at P1, a disk at P2; readiness runs P0 and P1 every second.</summary>
    private sealed class PageDesk : IAsyncDisposable
    {
        public static readonly string[] CheckNames = ["baseline-disk", "redis", "risk", "reports-disk"];

        private static readonly string[] ReadinessTiers = ["P0", "P1"];

        private readonly TempDirectory _directory;
        private readonly HttpStandIn _standIn;
        private readonly string _riskPath;

        private PageDesk(TempDirectory directory, ServiceProcess service, HttpStandIn standIn, string riskPath)
        {
            _directory = directory;
            Service = service;
            _standIn = standIn;
            _riskPath = riskPath;
        }

        public ServiceProcess Service { get; }

        public string UiUrl => Service.BaseUrl + "/ui";

        public static async Task<PageDesk> StartAsync(HttpStandIn standIn, RedisServer redis, int ttlSeconds)
        {
            var riskPath = $"/page-risk-{Guid.NewGuid():N}";
            RespondRisk(standIn, riskPath, "NORMAL");
            var directory = new TempDirectory();
            var config = directory.WriteConfig(new
            {
                HealthGate = new
                {
                    Checks = new Dictionary<string, object>
                    {
                        ["baseline-disk"] = TempDirectory.BaselineCheck,
                        ["redis"] = new { Type = "redis", Tier = "P0", redis.ConnectionString },
                        ["risk"] = new { Type = "risk", Tier = "P1", Url = standIn.Url(riskPath) },
                        ["reports-disk"] = new { Type = "disk", Tier = "P2", Path = directory.Path, MinFreeMb = 1 },
                    },
                    Readiness = new { Tiers = ReadinessTiers, PeriodSeconds = 1 },
                    Preflight = new { VerdictTtlSeconds = ttlSeconds },
                },
            });
            var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });
            return new PageDesk(directory, service, standIn, riskPath);
        }

        public void SetRiskLevel(string level) => RespondRisk(_standIn, _riskPath, level);

        public async Task<PreflightAnswer> PreflightAsync(string mode)
        {
            using var response = await Service.Client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
            return new PreflightAnswer((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        public async ValueTask DisposeAsync()
        {
            await Service.DisposeAsync();
            _directory.Dispose();
        }

        private static void RespondRisk(HttpStandIn standIn, string path, string level) =>
            standIn.Respond(path, 200, JsonSerializer.Serialize(new { global_risk = new { level }, ess = new { active = false } }));
    }
}
