using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthGate.Tests.Checks;

/// <summary>
/// One real Prometheus for the alerting-check tests, loading the project's deploy/prometheus/alerts.yml and a
/// test rule file: an alert that fires at once, one that stays pending for an hour, a recording rule, an alert
/// whose query fails at every evaluation (health <c>err</c>) and one in a group evaluated once a year, so never
/// during a test (health <c>unknown</c>).
/// </summary>
public sealed partial class AlertingPrometheus : IAsyncLifetime
{
    public const string AlwaysFiring = "TestAlwaysFiring";
    public const string AlwaysPending = "TestAlwaysPending";
    public const string RecordingOnly = "test:recording_only";
    public const string FailsToEvaluate = "TestFailsToEvaluate";
    public const string NeverEvaluated = "TestNeverEvaluated";

    private readonly string _directory = Directory.CreateTempSubdirectory("healthgate-alerting-").FullName;
    private readonly HttpClient _http = new();

    public PrometheusServer Server { get; } = new();

    /// <summary>The alert names deploy/prometheus/alerts.yml defines.</summary>
    public static string[] ProjectAlerts { get; } =
        [.. AlertLine().Matches(File.ReadAllText(RepoRoot.File("deploy/prometheus/alerts.yml"))).Select(m => m.Groups["name"].Value)];

    public async Task InitializeAsync()
    {
        var rules = Path.Combine(_directory, "test-rules.yml");
        await File.WriteAllTextAsync(rules, $"""
            groups:
              - name: test
                rules:
                  - alert: {AlwaysFiring}
                    expr: vector(1)
                    for: 0s
                  - alert: {AlwaysPending}
                    expr: vector(1)
                    for: 1h
                  - record: {RecordingOnly}
                    expr: vector(1)
                  # Two series on the right match the one on the left: "found duplicate series for the match group".
                  - alert: {FailsToEvaluate}
                    expr: vector(1) + on() (label_replace(vector(1), "x", "1", "", "") or label_replace(vector(1), "x", "2", "", ""))
              - name: test-yearly
                interval: 1y
                rules:
                  - alert: {NeverEvaluated}
                    expr: vector(1)
            """);
        Server.RuleFiles.Add(RepoRoot.File("deploy/prometheus/alerts.yml"));
        Server.RuleFiles.Add(rules);
        await Server.StartAsync("prometheus", $"127.0.0.1:{Server.Port.ToString(CultureInfo.InvariantCulture)}");

        // Bounded wait until the rule manager has evaluated every group but the yearly one: only then is the firing alert
        // firing, the failing one "err" and every project alert "ok".
        await ProcessRunner.WaitUntilAsync(IsSettledAsync, TimeSpan.FromSeconds(60), $"{AlwaysFiring} firing and every rule evaluated; Prometheus printed:\n{Server.Output}");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> IsSettledAsync()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"{Server.BaseUrl}/api/v1/rules")));
        var rules = json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (Name: r.GetProperty("name").GetString(), State: r.TryGetProperty("state", out var state) ? state.GetString() : null, Health: r.GetProperty("health").GetString()))
            .ToArray();
        return rules.Any(r => r.Name == AlwaysFiring && r.State == "firing")
            && rules.Any(r => r.Name == FailsToEvaluate && r.Health == "err")
            && rules.Where(r => r.Name is not (FailsToEvaluate or NeverEvaluated)).All(r => r.Health == "ok");
    }

    [GeneratedRegex(@"^\s*- alert: (?<name>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
