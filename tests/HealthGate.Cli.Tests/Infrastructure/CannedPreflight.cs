using System.Text.Json;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>Preflight JSON in the design's shape, for a fake gate to answer.</summary>
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
            ["startedAt"] = "2026-11-22T08:53:04.123Z",
            ["durationMs"] = 41.7,
            ["expiresAt"] = expiresAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["configHash"] = "sha256:c0ffee",
            ["summary"] = new { total = checks.Length },
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

    /// <summary>A live P1_FAIL: P0 healthy, one P1 down, valid for a minute from <paramref name="now"/>.</summary>
    public static string P1Fail(DateTimeOffset now, string mode = "live") =>
        Json(mode, "P1_FAIL", now.AddSeconds(60), ("core", "P0", "Healthy"), ("execution-ready", "P1", "Unhealthy"));

    public static string P0Fail(DateTimeOffset now, string mode = "live") =>
        Json(mode, "P0_FAIL", now.AddSeconds(60), ("redis", "P0", "Unhealthy"), ("execution-ready", "P1", "Unhealthy"));

    public static string Pass(DateTimeOffset now, string mode = "live") =>
        Json(mode, "PASS", now.AddSeconds(60), ("core", "P0", "Healthy"));
}
