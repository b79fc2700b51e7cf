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

        var report = Parse(body, status);
        if (Verdicts.TryParse(report.Verdict, out var parsed) && parsed.IsGo() != (status == 200))
        {
            throw new GateAbortException($"the gate answered HTTP {status} with verdict {report.Verdict}, which contradict each other");
        }

        if (!string.Equals(report.Mode, mode, StringComparison.OrdinalIgnoreCase))
        {
            throw new GateAbortException($"the gate answered for mode '{report.Mode}' instead of '{mode}'");
        }

        if (report.ExpiresAt is { } expiry && expiry <= now)
        {
            throw new GateAbortException(
                $"the gate's verdict for run {report.RunId} expired at {Timestamps.ToText(expiry)} (now {Timestamps.ToText(now)}): a stale verdict is not a verdict");
        }

        return report;
    }

    /// <summary>
    /// A run as the history keeps it (<c>GET /preflight/runs/{runId}</c>, answered 200 whatever the verdict): read
    /// as strictly as a fresh answer, but neither its HTTP status nor its age says anything about it.
    /// </summary>
    public static PreflightReport ReadRecorded(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Parse(body, 200);
    }

    private static PreflightReport Parse(string body, int status)
    {
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
            || !root.TryGetProperty(PreflightFields.Verdict, out var verdictElement) || verdictElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty(PreflightFields.ExitCode, out var exitElement) || exitElement.ValueKind != JsonValueKind.Number || !exitElement.TryGetInt32(out var exitCode)
            || !Verdicts.TryParse(verdictElement.GetString(), out var parsed) || exitCode != parsed.ExitCode())
        {
            throw new GateAbortException("the gate answered JSON without a valid verdict and exit code");
        }

        var verdict = verdictElement.GetString()!;
        var runId = RequiredString(root, PreflightFields.RunId);
        var mode = RequiredString(root, PreflightFields.Mode);
        var checks = ReadChecks(root);
        var decided = Verdicts.Decide(checks.Select(c => (c.Tier, c.Status))).Token();
        if (decided != verdict)
        {
            throw new GateAbortException($"the gate's verdict {verdict} contradicts its own checks, which make {decided}");
        }

        return new PreflightReport(
            runId,
            mode,
            verdict,
            exitCode,
            OptionalTimestamp(root, PreflightFields.StartedAt),
            OptionalNumber(root, PreflightFields.DurationMs),
            OptionalTimestamp(root, PreflightFields.ExpiresAt),
            root.TryGetProperty(PreflightFields.ConfigHash, out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null,
            checks,
            body)
        {
            Summary = ReadSummary(root),
        };
    }

    /// <summary>Absent or not an object is none; each count that is not an integer is null, for the acceptance rules to name.</summary>
    private static ReportedSummary? ReadSummary(JsonElement root)
    {
        if (!root.TryGetProperty(PreflightFields.Summary, out var summary) || summary.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new ReportedSummary(
            Count(summary, PreflightFields.Counts.Total),
            Count(summary, PreflightFields.Counts.Healthy),
            Count(summary, PreflightFields.Counts.Degraded),
            Count(summary, PreflightFields.Counts.Unhealthy));

        static int? Count(JsonElement summary, string name) =>
            summary.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : null;
    }

    private static List<ReportedCheck> ReadChecks(JsonElement root)
    {
        if (!root.TryGetProperty(PreflightFields.Checks, out var checks) || checks.ValueKind != JsonValueKind.Array)
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

        var name = RequiredString(check, PreflightFields.Check.Name);
        var tier = RequiredString(check, PreflightFields.Check.Tier);
        var status = RequiredString(check, PreflightFields.Check.Status);
        if (!CheckTiers.All.Contains(tier) || !CheckStatuses.All.Contains(status))
        {
            throw new GateAbortException($"the gate answered check '{name}' with tier '{tier}' and status '{status}', which are not known");
        }

        return new ReportedCheck(
            name,
            OptionalString(check, PreflightFields.Check.Type),
            tier,
            status,
            OptionalNumber(check, PreflightFields.Check.DurationMs) ?? 0,
            OptionalString(check, PreflightFields.Check.Reason),
            OptionalString(check, PreflightFields.Check.Description))
        {
            BlockedBy = OptionalNames(check, PreflightFields.Check.BlockedBy, name),
        };
    }

    /// <summary>Absent or null is none (an older gate); anything but a list of names is a garbled answer.</summary>
    private static string[] OptionalNames(JsonElement check, string field, string name)
    {
        if (!check.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 })
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw new GateAbortException($"the gate answered check '{name}' with a '{field}' that is not a list of check names");
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

        return value.ValueKind == JsonValueKind.String && Timestamps.TryParse(value.GetString(), out var timestamp)
                ? timestamp
                : throw new GateAbortException($"the gate answered '{name}' that is not a timestamp");
    }
}
