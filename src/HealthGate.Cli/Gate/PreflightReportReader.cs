using System.Globalization;
using System.Text.Json;

namespace HealthGate.Cli.Gate;

/// <summary>
/// Turns the gate's answer into a <see cref="PreflightReport"/> or refuses it: anything that is not a coherent,
/// unexpired verdict for the mode asked is a hard abort, never a guess.
/// </summary>
internal static class PreflightReportReader
{
    public static PreflightReport Read(int status, string body, string mode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (status is not (200 or 503))
        {
            throw new GateAbortException($"the gate answered HTTP {status}: {ProblemText.Of(body)}");
        }

        JsonElement root;
        try
        {
            // A verdict given twice ("PASS" then "P0_FAIL") is no verdict: duplicates are refused, never last-wins.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new GateAbortException($"the gate answered HTTP {status} with a body that is not JSON (or names a field twice): {OneLine.Of(body, 60)}");
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("verdict", out var verdictElement) || verdictElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("exitCode", out var exitElement) || exitElement.ValueKind != JsonValueKind.Number || !exitElement.TryGetInt32(out var exitCode)
            || !VerdictCodes.TryGetExitCode(verdictElement.GetString(), out var expectedExit) || exitCode != expectedExit)
        {
            throw new GateAbortException("the gate answered JSON without a valid verdict and exit code");
        }

        var verdict = verdictElement.GetString()!;
        if (VerdictCodes.IsGo(verdict) != (status == 200))
        {
            throw new GateAbortException($"the gate answered HTTP {status} with verdict {verdict}, which contradict each other");
        }

        var runId = RequiredString(root, "runId");
        var answeredMode = RequiredString(root, "mode");
        if (!string.Equals(answeredMode, mode, StringComparison.OrdinalIgnoreCase))
        {
            throw new GateAbortException($"the gate answered for mode '{answeredMode}' instead of '{mode}'");
        }

        var checks = ReadChecks(root);
        var decided = VerdictCodes.Decide(checks);
        if (decided != verdict)
        {
            throw new GateAbortException($"the gate's verdict {verdict} contradicts its own checks, which make {decided}");
        }

        var expiresAt = OptionalTimestamp(root, "expiresAt");
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new GateAbortException(
                $"the gate's verdict for run {runId} expired at {Timestamps.Format(expiry)} (now {Timestamps.Format(now)}): a stale verdict is not a verdict");
        }

        return new PreflightReport(
            runId,
            answeredMode,
            verdict,
            exitCode,
            OptionalTimestamp(root, "startedAt"),
            OptionalNumber(root, "durationMs"),
            expiresAt,
            root.TryGetProperty("configHash", out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null,
            checks,
            body);
    }

    private static List<ReportedCheck> ReadChecks(JsonElement root)
    {
        if (!root.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array)
        {
            throw new GateAbortException("the gate answered JSON without a list of checks");
        }

        return [.. checks.EnumerateArray().Select(ReadCheck)];
    }

    private static ReportedCheck ReadCheck(JsonElement check)
    {
        if (check.ValueKind != JsonValueKind.Object)
        {
            throw new GateAbortException("the gate answered a check that is not a JSON object");
        }

        var name = RequiredString(check, "name");
        var tier = RequiredString(check, "tier");
        var status = RequiredString(check, "status");
        if (tier is not ("P0" or "P1" or "P2") || status is not (ReportedCheck.Healthy or ReportedCheck.Degraded or ReportedCheck.Unhealthy))
        {
            throw new GateAbortException($"the gate answered check '{name}' with tier '{tier}' and status '{status}', which are not known");
        }

        return new ReportedCheck(
            name,
            OptionalString(check, "type"),
            tier,
            status,
            OptionalNumber(check, "durationMs") ?? 0,
            OptionalString(check, "reason"),
            OptionalString(check, "description"));
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new GateAbortException($"the gate answered JSON without '{name}'");

    private static string OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static double? OptionalNumber(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static DateTimeOffset? OptionalTimestamp(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp)
                ? timestamp
                : throw new GateAbortException($"the gate answered '{name}' that is not a timestamp");
    }
}
