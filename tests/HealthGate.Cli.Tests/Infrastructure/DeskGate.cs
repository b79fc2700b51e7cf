using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// The real service in-process on a loopback port, configured with the desk's people (<see cref="DeskPeople"/>) and a
/// P0, a P1 and a P2 http check against a stand-in, so a test picks each run's verdict. Every CLI call is the built
/// <c>healthgate</c> as its own process carrying one person's key, as each person would run it at their own desk;
/// the test reads what the gate holds afterwards over HTTP. Paper runs P0 and P1 here, so a paper run can be a
/// P1_FAIL too (the default paper is P0 only).
/// </summary>
internal sealed partial class DeskGate : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new UtcTimestampConverter() } };

    private readonly HttpStandIn _standIn;
    private readonly HealthGateApplication _app;
    private readonly TempDirectory _files = new();

    private DeskGate(HttpStandIn standIn, HealthGateApplication app, string url)
    {
        _standIn = standIn;
        _app = app;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Url { get; }

    /// <summary>A client with no credential, for reads (open by default) and for HTTP steps that name their caller.</summary>
    public HttpClient Client { get; }

    /// <summary>The SQLite file the service keeps its runs, overrides and op-log in (unless the test configured PostgreSQL).</summary>
    public string DataFile => Path.Combine(_app.DataDirectory, "healthgate.db");

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the desk's gate with the given extra settings (under <c>HealthGate:</c>) and, optionally, the service's clock.</summary>
    public static async Task<DeskGate> StartAsync(TimeProvider? time = null, params (string Key, object? Value)[] settings)
    {
        var standIn = new HttpStandIn();
        await standIn.InitializeAsync();
        var app = new HealthGateApplication(HealthGateApplication.Flatten([
            .. Settings.Check("core", "http", "P0", ("Url", standIn.Url("/p0"))),
            .. Settings.Check("feed", "http", "P1", ("Url", standIn.Url("/p1"))),
            .. Settings.Check("cosmetic", "http", "P2", ("Url", standIn.Url("/p2"))),
            ("Modes:paper:Tiers:0", "P0"),
            ("Modes:paper:Tiers:1", "P1"),
            ("Modes:live:Tiers:0", "P0"),
            ("Modes:live:Tiers:1", "P1"),
            ("Modes:live:Tiers:2", "P2"),
            .. DeskPeople.Settings(),
            .. settings,
        ]))
        {
            ExtraServices = time is null ? null : s => s.AddSingleton(time),
        };
        try
        {
            var desk = new DeskGate(standIn, app, app.ServeOnLoopback());
            desk.Answer("PASS");
            return desk;
        }
        catch
        {
            await app.DisposeAsync();
            await standIn.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the checks' targets answer from now on, so the next run has <paramref name="verdict"/>.</summary>
    public void Answer(string verdict)
    {
        _standIn.Respond("/p0", verdict == "P0_FAIL" ? 503 : 200, "p0");
        _standIn.Respond("/p1", verdict is "P0_FAIL" or "P1_FAIL" ? 503 : 200, "p1");
        _standIn.Respond("/p2", verdict == "P2_WARN" ? 503 : 200, "p2");
    }

    /// <summary>
    /// Runs <c>healthgate ARGS --url URL</c> as its own process with <paramref name="who"/>'s key in
    /// <c>HEALTHGATE_API_KEY</c> (none for null, an empty variable: the runner's own never leaks in).
    /// </summary>
    public Task<CliResult> CliAsync(string? who, params string[] args) => CliAsync(who, onLine: null, args);

    /// <summary>As above, telling <paramref name="onLine"/> each line the CLI writes to standard output as it writes it.</summary>
    public async Task<CliResult> CliAsync(string? who, Action<string>? onLine, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            [CliContext.ApiKeyVariable] = who is null ? "" : DeskPeople.KeyOf(who),
            ["NO_COLOR"] = "1",
        };
        var (exitCode, stdout, stderr) = await CliProcess.RunRedirectedAsync(environment, onLine, [.. args, "--url", Url]);
        return new CliResult(exitCode, stdout, stderr);
    }

    /// <summary>A file holding <paramref name="who"/>'s key on its first line, for <c>--key-file</c>.</summary>
    public string KeyFile(string who)
    {
        var file = Path.Combine(_files.Path, $"{who}.key");
        File.WriteAllText(file, DeskPeople.KeyOf(who) + "\n");
        return file;
    }

    /// <summary>A new, empty report directory for one launch.</summary>
    public string NewReportDirectory() => Directory.CreateDirectory(Path.Combine(_files.Path, "reports-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary><c>healthgate preflight --mode M --json</c> by olga with the stand-in set to <paramref name="verdict"/>; returns the run id.</summary>
    public async Task<string> RunAsync(string verdict, string mode = "live")
    {
        Answer(verdict);
        var result = await CliAsync("olga", "preflight", "--mode", mode, "--json", "--report-dir", NewReportDirectory());
        Assert.True(Verdicts.TryParse(verdict, out var expected) && result.ExitCode == expected.ExitCode(), $"exit {result.ExitCode}: {result.Error}");
        var run = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(verdict, run.GetProperty("verdict").GetString());
        return run.GetProperty("runId").GetString()!;
    }

    /// <summary><c>healthgate override request --kind force-start</c> by <paramref name="who"/> for a run; returns the id it printed.</summary>
    public async Task<long> RequestAsync(string runId, string who = "olga", string mode = "live")
    {
        var result = await CliAsync(who, RequestArgs(runId, mode));
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        return OverrideId(result.Out);
    }

    public static string[] RequestArgs(string runId, string mode = "live") =>
    [
        "override", "request", "--kind", "force-start", "--mode", mode, "--run", runId,
        "--reason", "feed vendor's status page is stale", "--ticket", "CHG-4711",
        "--impact", "orders may route to a venue whose status is unknown", "--mitigation", "desk head watches fills for the first hour",
    ];

    /// <summary>The id in <c>Override 42 requested: …</c>.</summary>
    public static long OverrideId(string output)
    {
        var match = RequestedLine().Match(output);
        Assert.True(match.Success, $"no 'Override N requested' in:\n{output}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Jane (risk-manager, her key in the environment) and Bob (cto, his key in a file) approve, each as their own process.</summary>
    public async Task ApproveByBothAsync(long id)
    {
        var jane = await CliAsync("jane", "override", "approve", Id(id), "--comment", "feed outage is known");
        Assert.True(jane.ExitCode == 0, jane.Error);
        var bob = await CliAsync(null, "override", "approve", Id(id), "--key-file", KeyFile("bob"));
        Assert.True(bob.ExitCode == 0, bob.Error);
    }

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<OverrideRecord> OverrideAsync(long id) =>
        (await Client.GetFromJsonAsync<OverrideRecord>($"/overrides/{id}", Json))!;

    /// <summary>The whole op-log as <c>GET /oplog</c> serves it.</summary>
    public async Task<IReadOnlyList<OpLogRecord>> OpLogAsync()
    {
        var entries = new List<OpLogRecord>();
        string? after = null;
        do
        {
            var page = (await Client.GetFromJsonAsync<Page<OpLogRecord>>($"/oplog?limit=500{(after is null ? "" : "&after=" + after)}", Json))!;
            entries.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return entries;
    }

    /// <summary>A POST as <paramref name="who"/> (their key as <c>X-Api-Key</c>), for steps a test takes over HTTP.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", DeskPeople.KeyOf(who));
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _standIn.DisposeAsync();
        _files.Dispose();
    }

    [GeneratedRegex(@"Override (\d+) requested:")]
    private static partial Regex RequestedLine();
}
