using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthGate.Tests.Checks;

/// <summary>
/// One real Prometheus for the alerting-check tests, loading the project's deploy/prometheus/alerts.yml and a
/// test rule file: an alert that fires at once, one that stays pending for an hour, and a recording rule.
/// </summary>
public sealed partial class AlertingPrometheus : IAsyncLifetime
{
    public const string AlwaysFiring = "TestAlwaysFiring";
    public const string AlwaysPending = "TestAlwaysPending";
    public const string RecordingOnly = "test:recording_only";

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
            """);
        Server.RuleFiles.Add(RepoRoot.File("deploy/prometheus/alerts.yml"));
        Server.RuleFiles.Add(rules);
        await Server.StartAsync("prometheus", $"127.0.0.1:{Server.Port.ToString(CultureInfo.InvariantCulture)}");

        // Bounded wait until the rule manager has evaluated once: only then is the firing alert reported as firing.
        await ProcessRunner.WaitUntilAsync(IsFiringAsync, TimeSpan.FromSeconds(60), $"{AlwaysFiring} firing; Prometheus printed:\n{Server.Output}");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> IsFiringAsync()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"{Server.BaseUrl}/api/v1/rules")));
        return json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Any(r => r.GetProperty("name").GetString() == AlwaysFiring && r.GetProperty("state").GetString() == "firing");
    }

    [GeneratedRegex(@"^\s*- alert: (?<name>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
