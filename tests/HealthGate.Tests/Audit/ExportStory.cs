using System.Net;
using HealthGate.Tests.Overrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HealthGate.Tests.Overrides.GateScenario;

namespace HealthGate.Tests.Audit;

/// <summary>
/// The real service (one per test class) after a small story on a fake clock, five minutes between steps so a
/// period can cut it: at <see cref="Start"/> a live run fails P1, olga requests a force-start (+5 min), jane
/// approves (+10), bob approves (+15: his decision and the approval), olga uses it (+20). Six entries.
/// </summary>
public sealed class ExportStory : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private readonly HttpStandIn _standIn = new();
    private readonly FakeTimeProvider _time = new(Start);
    private GateScenario? _gate;

    internal GateScenario Gate => _gate ?? throw new InvalidOperationException("the story has not run");

    public HttpClient Client => Gate.Client;

    public string RunId { get; private set; } = "";

    public long OverrideId { get; private set; }

    /// <summary>The op-log as <c>GET /oplog</c> serves it after the story.</summary>
    public IReadOnlyList<OpLogRecord> Log { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _gate = new GateScenario(_standIn, People(), services => services.AddSingleton<TimeProvider>(_time));
        RunId = await Gate.RunAsync("P1_FAIL");
        _time.Advance(TimeSpan.FromMinutes(5));
        var requested = await LifecycleTests.CreatedAsync(await Gate.RequestAsync(Request("force_start", "live", RunId), "olga"));
        OverrideId = requested.GetProperty("id").GetInt64();
        foreach (var who in new[] { "jane", "bob" })
        {
            _time.Advance(TimeSpan.FromMinutes(5));
            await LifecycleTests.OkAsync(await Gate.DecideAsync(OverrideId, "approve", who, $"{who} has seen the feed outage"));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await LifecycleTests.OkAsync(await Gate.UseAsync(OverrideId, "olga", RunId));
        var log = await Gate.GetJsonAsync("/oplog?limit=500", HttpStatusCode.OK);
        Log = System.Text.Json.JsonSerializer.Deserialize<Page<OpLogRecord>>(log, LifecycleTests.Json)!.Items;
    }

    public async Task DisposeAsync()
    {
        if (_gate is not null)
        {
            await _gate.DisposeAsync();
        }

        await _standIn.DisposeAsync();
    }
}
