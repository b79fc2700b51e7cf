using System.Text.Json;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// Preflight JSON in the design's shape, for a fake gate to answer: coherent (summary counted from the checks, a run
/// that started now, or 60 s before an expiry already past), so only what a test changes can be wrong.
/// </summary>
internal static class CannedPreflight
{
    public const string RunId = "01JCANNEDRUN0000000000000A";

    public static string Json(string mode, string verdict, DateTimeOffset? expiresAt = null, params (string Name, string Tier, string Status)[] checks)
    {
        var exitCode = verdict switch { "PASS" => 0, "P0_FAIL" => 1, "P1_FAIL" => 2, _ => 3 };
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["runId"] = RunId,
            ["mode"] = mode,
            ["verdict"] = verdict,
            ["exitCode"] = exitCode,
            ["startedAt"] = Timestamps.ToText(StartedAt(expiresAt)),
            ["durationMs"] = 41.7,
            ["expiresAt"] = expiresAt is { } e ? Timestamps.ToText(e) : null,
            ["configHash"] = "sha256:c0ffee",
            ["summary"] = new
            {
                total = checks.Length,
                healthy = checks.Count(c => c.Status == "Healthy"),
                degraded = checks.Count(c => c.Status == "Degraded"),
                unhealthy = checks.Count(c => c.Status == "Unhealthy"),
            },
            ["checks"] = checks.Select(c => new
            {
                name = c.Name,
                type = "http",
                tier = c.Tier,
                status = c.Status,
                durationMs = 1.5,
                reason = c.Status == "Healthy" ? "ok" : "unexpected_status",
                description = c.Status == "Healthy" ? "HTTP 200" : "HTTP 500, expected 200",
                data = new { },
            }),
        });
    }

    /// <summary>Now, as a fresh run would; a minute before an expiry already past, as an old run would.</summary>
    public static DateTimeOffset StartedAt(DateTimeOffset? expiresAt)
    {
        var now = DateTimeOffset.UtcNow;
        return expiresAt is { } expiry && expiry <= now ? expiry.AddSeconds(-60) : now;
    }

    /// <summary>A live P1_FAIL: P0 healthy, one P1 down, valid for a minute from <paramref name="now"/>.</summary>
    public static string P1Fail(DateTimeOffset now, string mode = "live") =>
        Json(mode, "P1_FAIL", now.AddSeconds(60), ("core", "P0", "Healthy"), ("execution-ready", "P1", "Unhealthy"));

    public static string P0Fail(DateTimeOffset now, string mode = "live") =>
        Json(mode, "P0_FAIL", now.AddSeconds(60), ("redis", "P0", "Unhealthy"), ("execution-ready", "P1", "Unhealthy"));

    public static string Pass(DateTimeOffset now, string mode = "live") =>
        Json(mode, "PASS", now.AddSeconds(60), ("core", "P0", "Healthy"));
}
