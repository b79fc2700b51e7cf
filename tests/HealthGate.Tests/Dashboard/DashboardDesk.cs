using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Dashboard;

/// <summary>
/// The real service as its own process with five checks over real dependencies (the test's Redis, paths of the HTTP
/// stand-in, the disk) and a one-second readiness period, so a change shows on the page within about a second.
/// </summary>
public sealed class DashboardDesk : IAsyncDisposable
{
    public const int ReadinessPeriodSeconds = 1;

    /// <summary>The desk's service key (the page itself never sends one); the people of <c>GateScenario.People()</c> bring their own.</summary>
    public const string ApiKey = "dashboard-test-key";

    public static readonly string[] CheckNames = ["baseline-disk", "redis", "backend-api", "risk", "reports-disk"];

    private static readonly string[] ReadinessTiers = ["P0", "P1"];

    private readonly TempDirectory _directory;

    private DashboardDesk(TempDirectory directory, ServiceProcess service, HttpStandIn standIn, string apiPath, string riskPath)
    {
        _directory = directory;
        Service = service;
        StandIn = standIn;
        ApiPath = apiPath;
        RiskPath = riskPath;
    }

    public ServiceProcess Service { get; }

    public HttpStandIn StandIn { get; }

    public string ApiPath { get; }

    public string RiskPath { get; }

    public string UiUrl => Service.BaseUrl + "/ui";

    /// <summary>
    /// Starts the desk; <paramref name="backendDependsOn"/> is the <c>DependsOn</c> of backend-api (none by default);
    /// <paramref name="settings"/> are flat keys under <c>HealthGate:</c> (as <c>GateScenario.People()</c> gives them)
    /// written over the desk's own.
    /// </summary>
    public static async Task<DashboardDesk> StartAsync(HttpStandIn standIn, RedisServer redis, string[]? backendDependsOn = null, (string Key, object? Value)[]? settings = null)
    {
        ArgumentNullException.ThrowIfNull(standIn);
        ArgumentNullException.ThrowIfNull(redis);
        var id = Guid.NewGuid().ToString("N")[..8];
        var directory = new TempDirectory();
        var paths = (Api: $"/api-{id}/health", Risk: $"/risk-{id}/state");
        standIn.Respond(paths.Api, 200, "ok", "text/plain");
        RespondRisk(standIn, paths.Risk, "NORMAL");
        var section = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Checks"] = new Dictionary<string, object>
            {
                ["baseline-disk"] = TempDirectory.BaselineCheck,
                ["redis"] = new { Type = "redis", Tier = "P0", ConnectionString = redis.ConnectionString },
                ["backend-api"] = new { Type = "http", Tier = "P0", Url = standIn.Url(paths.Api), DependsOn = backendDependsOn ?? [] },
                ["risk"] = new { Type = "risk", Tier = "P1", Url = standIn.Url(paths.Risk) },
                ["reports-disk"] = new { Type = "disk", Tier = "P2", Path = directory.Path, MinFreeMb = 1 },
            },
            ["Readiness"] = new { Tiers = ReadinessTiers, PeriodSeconds = ReadinessPeriodSeconds },
            ["Auth"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ApiKeys"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ops"] = ApiKey } },
        };
        foreach (var (key, value) in settings ?? [])
        {
            Set(section, key.Split(':'), value);
        }

        var config = directory.WriteConfig(new { HealthGate = section });
        var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        try
        {
            await service.WaitUntilServingAsync();
        }
        catch
        {
            await service.DisposeAsync();
            directory.Dispose();
            throw;
        }

        return new DashboardDesk(directory, service, standIn, paths.Api, paths.Risk);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>
    /// Waits until the gate itself reports <paramref name="check"/> with <paramref name="status"/> on <c>/checks</c>
    /// (a readiness run has seen it): the open page is timed from there, not from the dependency's change.
    /// </summary>
    public Task WaitUntilTheGateShowsAsync(string check, string status) => ProcessRunner.WaitUntilAsync(
        async () =>
        {
            using var checks = System.Text.Json.JsonDocument.Parse(await Service.Client.GetStringAsync(new Uri("/checks", UriKind.Relative)));
            return checks.RootElement.EnumerateArray().Any(c => c.GetProperty("name").GetString() == check && c.GetProperty("status").GetString() == status);
        },
        TimeSpan.FromSeconds(30),
        $"the gate reporting {check} {status}");

    /// <summary>Puts a flat key's value into the nested configuration; an index segment (<c>Roles:0</c>) is a key, as in JSON configuration.</summary>
    private static void Set(Dictionary<string, object?> node, string[] path, object? value)
    {
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (!node.TryGetValue(path[i], out var child) || child is not Dictionary<string, object?> next)
            {
                next = new Dictionary<string, object?>(StringComparer.Ordinal);
                node[path[i]] = next;
            }

            node = next;
        }

        node[path[^1]] = value;
    }

    /// <summary>What the risk check's target says from now on (NORMAL is Healthy, CRITICAL Unhealthy).</summary>
    public void SetRiskLevel(string level) => RespondRisk(StandIn, RiskPath, level);

    private static void RespondRisk(HttpStandIn standIn, string path, string level) =>
        standIn.Respond(path, 200, System.Text.Json.JsonSerializer.Serialize(new { global_risk = new { level }, ess = new { active = false } }));
}
