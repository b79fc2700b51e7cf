using System.Diagnostics;
using System.Globalization;
using HealthGate.Tests.FailClosed;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace HealthGate.Tests.Faults;

/// <summary>
/// The desk the fault rows break, one service process for all of them: a PostgreSQL, a Redis and a risk endpoint of
/// its own (P0), an exchange (P1), every check with a short timeout. A second desk holds the one check whose fault
/// cannot be cleared (a name that never resolves). At the end it prints the suite's line and fails on any false GO.
/// </summary>
public sealed class FaultDesk(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>Every check's budget; short, so the suite is fast, and far above a healthy answer on loopback.</summary>
    public const int TimeoutMs = 800;

    public const string HealthyRisk = """{"global_risk":{"level":"NORMAL"},"ess":{"active":false}}""";

    private readonly TempDirectory _directory = new();
    private readonly HttpClient _standInClient = new();
    private HttpClient _live = null!;
    private HttpClient _unresolvableLive = null!;

    // Dedicated servers: the rows stop and freeze them, which the assembly's shared PostgreSQL must never see.
    public PostgresServer Postgres { get; } = new();

    public RedisServer Redis { get; } = new();

    public RawHttpTarget Risk { get; } = RawHttpTarget.Start();

    public HttpStandIn Exchange { get; } = new();

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>The desk whose P1 check names a host under <c>.invalid</c>; its P0 check is always Healthy.</summary>
    public ServiceProcess Unresolvable { get; private set; } = null!;

    public FaultLedger Ledger { get; } = new();

    /// <summary>A client of its own per desk for /health/live, its connection made before the first row: a probe times the gate, not a handshake.</summary>
    public HttpClient LiveClient(ServiceProcess service) => service == Service ? _live : _unresolvableLive;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Postgres.InitializeAsync(), Redis.InitializeAsync(), Exchange.InitializeAsync());
        SetHealthy();
        // Readiness every second, so /health/ready shows a recovery within the row's bound.
        var config = _directory.WriteConfig(new
        {
            HealthGate = new
            {
                Checks = new Dictionary<string, object>
                {
                    ["postgres"] = new { Type = "postgres", Tier = "P0", Postgres.ConnectionString, TimeoutMs },
                    ["redis"] = new { Type = "redis", Tier = "P0", Redis.ConnectionString, TimeoutMs },
                    ["risk"] = new { Type = "risk", Tier = "P0", Url = Risk.Url("/risk/state"), TimeoutMs },
                    ["exchange"] = new { Type = "exchange", Tier = "P1", PingUrl = Exchange.Url("/ping"), TimeUrl = Exchange.Url("/time"), MaxClockSkewMs = 1000, TimeoutMs },
                },
                Readiness = new { PeriodSeconds = 1 },
            },
        });
        var unresolvable = _directory.WriteConfig(
            new
            {
                HealthGate = new
                {
                    Checks = new Dictionary<string, object>
                    {
                        ["disk"] = TempDirectory.BaselineCheck,
                        ["execution"] = new { Type = "http", Tier = "P1", Url = $"http://execution.healthgate.invalid:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/health/ready", TimeoutMs },
                    },
                    Readiness = new { PeriodSeconds = 1 },
                },
            },
            "unresolvable.json");
        Service = ServiceProcess.Start(new() { WorkingDirectory = _directory.Path, ConfigFile = config });
        // A working directory, and so a SQLite store, of its own: a store serves one process.
        Unresolvable = ServiceProcess.Start(new() { WorkingDirectory = _directory.Subdirectory("unresolvable"), ConfigFile = unresolvable });
        await Task.WhenAll(Service.WaitUntilServingAsync(), Unresolvable.WaitUntilServingAsync());
        _live = new HttpClient { BaseAddress = Service.Client.BaseAddress };
        _unresolvableLive = new HttpClient { BaseAddress = Unresolvable.Client.BaseAddress };
        await Task.WhenAll(ProbeLiveAsync(_live), ProbeLiveAsync(_unresolvableLive), ProbeStandInAsync());
    }

    /// <summary>The HTTP dependencies as a healthy backend and exchange answer.</summary>
    public void SetHealthy()
    {
        Risk.Listen();
        Risk.Answer((stream, token) => stream.WriteAsync(RawHttpTarget.Response(200, "application/json", HealthyRisk), token).AsTask());
        Exchange.Respond("/ping", 200, "{}");
        ServeTime(TimeSpan.Zero);
    }

    /// <summary>The exchange's time endpoint, its clock <paramref name="skew"/> off ours.</summary>
    public void ServeTime(TimeSpan skew) => Exchange.Respond("/time", async context =>
    {
        var stamp = (DateTimeOffset.UtcNow + skew).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"serverTime":{{stamp}}}""");
    });

    public static async Task<PreflightAnswer> PreflightAsync(ServiceProcess service)
    {
        ArgumentNullException.ThrowIfNull(service);
        using var response = await service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        return new PreflightAnswer((int)response.StatusCode, System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>GET /health/live once on a client of its own: the status, or 0 when it gave no answer within 2 s, and the time taken.</summary>
    public static async Task<(int Status, TimeSpan Elapsed)> ProbeLiveAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative), cts.Token);
            await response.Content.ReadAsStringAsync(cts.Token);
            return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return (0, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// For a failure message only: how long a request to the exchange stand-in, a Kestrel in the test process that no
    /// fault touches, takes right now.
    /// </summary>
    public async Task<TimeSpan> ProbeStandInAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _standInClient.GetAsync(new Uri(Exchange.Url("/ping")));
        return Stopwatch.GetElapsedTime(started);
    }

    public async Task DisposeAsync()
    {
        // The suite's one line, in the test log (diagnostic messages are on for this assembly), then the verdict on it.
        var summary = Ledger.Summary();
        diagnostics.OnMessage(new DiagnosticMessage(summary));
        _live.Dispose();
        _standInClient.Dispose();
        _unresolvableLive.Dispose();
        await Service.DisposeAsync();
        await Unresolvable.DisposeAsync();
        await Exchange.DisposeAsync();
        await Risk.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
        _directory.Dispose();
        if (Ledger.FalseGo > 0)
        {
            throw new XunitException($"{summary}: a fault on a blocking check was answered GO");
        }
    }
}
