using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// A desk whose store a row breaks for real: the service process with the store given (SQLite on a tmpfs, or a
/// PostgreSQL of its own), a P0 and a P1 check on an HTTP stand-in that a row can fail, writes bounded at
/// <see cref="WriteTimeoutMs"/>, the store probed and readiness run every second.
/// </summary>
public sealed class StoreDesk : IAsyncDisposable
{
    public const int WriteTimeoutMs = 2000;

    private static readonly string[] PaperTiers = ["P0"];
    private static readonly string[] LiveTiers = ["P0", "P1"];

    private readonly HttpStandIn _standIn;
    private readonly string _prefix;
    private readonly TempDirectory _directory = new();

    private StoreDesk(HttpStandIn standIn, string prefix)
    {
        _standIn = standIn;
        _prefix = prefix;
    }

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>On PostgreSQL the background readiness runs only while this replica can prove its lead in the store.</summary>
    public bool IsPostgres { get; private init; }

    public static async Task<StoreDesk> StartAsync(HttpStandIn standIn, string prefix, string provider, string connectionString)
    {
        var desk = new StoreDesk(standIn, prefix) { IsPostgres = string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase) };
        desk.SetHealthy();
        var config = desk._directory.WriteConfig(new
        {
            HealthGate = new Dictionary<string, object>
            {
                ["Checks"] = new Dictionary<string, object>
                {
                    ["baseline"] = TempDirectory.BaselineCheck,
                    ["risk"] = new { Type = "http", Tier = "P0", Url = standIn.Url($"/{prefix}/risk") },
                    ["feed"] = new { Type = "http", Tier = "P1", Url = standIn.Url($"/{prefix}/feed") },
                },
                ["Modes"] = new { paper = new { Tiers = PaperTiers }, live = new { Tiers = LiveTiers } },
                ["Readiness"] = new { PeriodSeconds = 1 },
                ["Storage"] = new { Provider = provider, ConnectionString = connectionString, WriteTimeoutMs, ProbeSeconds = 1 },
            },
        });
        desk.Service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = desk._directory.Path, ConfigFile = config });
        return desk;
    }

    public void SetHealthy()
    {
        SetRisk(healthy: true);
        SetFeed(healthy: true);
    }

    public void SetRisk(bool healthy) => _standIn.Respond($"/{_prefix}/risk", healthy ? 200 : 500, "{}");

    public void SetFeed(bool healthy) => _standIn.Respond($"/{_prefix}/feed", healthy ? 200 : 503, "{}");

    /// <summary>A preflight as the launcher sees it, and how long the launcher waited for it.</summary>
    public async Task<(PreflightAnswer Answer, TimeSpan Waited)> PreflightAsync(string mode)
    {
        var waited = Stopwatch.StartNew();
        using var response = await Service.Client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        waited.Stop();
        return (new PreflightAnswer((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone()), waited.Elapsed);
    }

    public Task<(int Status, JsonElement Body)> SelfAsync() => GetJsonAsync("/health/self");

    public async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var response = await Service.Client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Service.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Polls <c>/health/self</c> until it answers <paramref name="status"/>; the last body is in the failure.</summary>
    public async Task<JsonElement> WaitForSelfAsync(int status, TimeSpan within)
    {
        JsonElement last = default;
        var lastStatus = 0;
        await ProcessRunner.WaitUntilAsync(
            async () =>
            {
                (lastStatus, last) = await SelfAsync();
                return lastStatus == status;
            },
            within,
            $"/health/self answering {status}",
            () => $"{lastStatus} {(last.ValueKind == JsonValueKind.Undefined ? "with no body" : last.GetRawText())}");
        return last;
    }

    /// <summary>The built <c>healthgate</c> CLI against this desk, as a launcher runs it without a terminal.</summary>
    public async Task<(int ExitCode, string Output)> LaunchAsync(string mode)
    {
        var info = new ProcessStartInfo(DotnetHost.Path) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { DotnetHost.Assembly("healthgate.dll"), "preflight", "--mode", mode, "--url", Service.BaseUrl!, "--report-dir", Path.Combine(_directory.Path, "reports"), "--timeout", "30" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The service's log events (CLEF JSON lines) with the given event id.</summary>
    public IReadOnlyList<JsonElement> LogEvents(params int[] eventIds) =>
        [.. Service.StandardOutputLines
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(e => e.TryGetProperty("EventId", out var id) && eventIds.Contains(id.GetProperty("Id").GetInt32()))];

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        _directory.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"desk {_prefix} on {Service.BaseUrl}");
}
