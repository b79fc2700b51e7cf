using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Contracts;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Storage;

/// <summary>Preflight runs and log entries built directly, for store tests that do not need checks to run.</summary>
internal static class TestRuns
{
    private static readonly string[] Names = ["a", "b"];

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new UtcTimestampConverter() } };

    public static PreflightRun Run(string mode, DateTimeOffset startedAt, params CheckResult[] checks)
    {
        var verdict = RunVerdict.Decide(checks);
        return new PreflightRun(RunId.New(startedAt), mode, verdict, verdict.ExitCode(), startedAt, 12.345, PreflightSummary.Of(checks), checks)
        {
            ExpiresAt = startedAt.AddSeconds(60),
            ConfigHash = "0123456789abcdef",
        };
    }

    public static CheckResult Check(string name, CheckTier tier, HealthStatus status, string reason = "ok") =>
        new(name, "http", tier, status, 1.5, reason, $"{name} said {reason} | with a pipe", new Dictionary<string, object>
        {
            ["statusCode"] = 200,
            ["latencyMs"] = 1.25,
            ["names"] = Names,
        });

    public static OpLogRecord Override(string kind = OverrideRequest.SkipHealthCheck, string mode = "paper", string reason = "maintenance") => new()
    {
        Kind = OpLogEvents.OverrideRequested,
        OverrideKind = kind,
        Mode = mode,
        Decision = OpLogEvents.Pending,
        Who = new Actor("olga", "Olga Ivanova", Actor.Person),
        Ticket = "CHG-1",
        Reason = reason,
        Impact = "none expected",
        Mitigation = "watch the desk",
        ConfigHash = "cfg",
    };
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}
