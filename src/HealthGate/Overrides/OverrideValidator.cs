using HealthGate.Preflight;
using HealthGate.Storage;

namespace HealthGate.Overrides;

/// <summary>
/// The approval rules of an override request, before any run is looked at. <c>paper</c> needs one approver and a
/// reason; every other mode (<c>live</c> and any configured one) needs two distinct approvers, a ticket and a
/// reason. Nobody approves their own override.
/// </summary>
internal static class OverrideValidator
{
    public const int MaxTextLength = 200;
    public const int MaxReasonLength = 2000;
    public const int MaxApprovers = 20;

    /// <summary>Errors keyed by the JSON field they concern; empty when the request is complete.</summary>
    public static Dictionary<string, string[]> Validate(OverrideRequest request, PreflightModes modes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(modes);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            errors["kind"] = [$"is required: one of {string.Join(", ", OpLogKinds.Overrides)}"];
        }
        else if (!OpLogKinds.Overrides.Contains(request.Kind))
        {
            errors["kind"] = [$"unknown kind '{request.Kind}': one of {string.Join(", ", OpLogKinds.Overrides)}"];
        }

        if (string.IsNullOrWhiteSpace(request.Mode))
        {
            errors["mode"] = ["is required"];
        }
        else if (!modes.TryGet(request.Mode, out _, out _))
        {
            errors["mode"] = [$"unknown mode '{request.Mode}': one of {string.Join(", ", modes.Names)}"];
        }

        if (request.Kind == OpLogKinds.ForceStart && string.IsNullOrWhiteSpace(request.RunId))
        {
            errors["runId"] = ["is required for force_start: the P1_FAIL run being overridden"];
        }

        var paper = IsPaper(request.Mode);
        RequireText(errors, "operator", request.Operator, MaxTextLength);
        RequireText(errors, "reason", request.Reason, MaxReasonLength);
        if (paper)
        {
            OptionalText(errors, "ticket", request.Ticket);
        }
        else
        {
            RequireText(errors, "ticket", request.Ticket, MaxTextLength, "is required outside paper mode");
        }

        ValidateApprovers(errors, request, paper ? 1 : 2);
        return errors;
    }

    /// <summary>The approvers as recorded: trimmed, each person once (case-insensitively), in the order given.</summary>
    public static string[] DistinctApprovers(IEnumerable<string?>? approvers) =>
        [.. (approvers ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    public static bool IsPaper(string? mode) => string.Equals(mode?.Trim(), "paper", StringComparison.OrdinalIgnoreCase);

    private static void ValidateApprovers(Dictionary<string, string[]> errors, OverrideRequest request, int required)
    {
        var given = request.Approvers ?? [];
        var distinct = DistinctApprovers(given);
        var problems = new List<string>();
        if (given.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("must not contain empty names");
        }

        if (given.Length > MaxApprovers || given.Any(a => a?.Length > MaxTextLength))
        {
            problems.Add($"at most {MaxApprovers} names of at most {MaxTextLength} characters");
        }

        if (!string.IsNullOrWhiteSpace(request.Operator) && distinct.Contains(request.Operator.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add("the operator cannot approve their own override");
        }

        var others = distinct.Count(a => !string.Equals(a, request.Operator?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (others < required)
        {
            problems.Add(required == 1
                ? "needs at least one approver other than the operator"
                : $"needs at least {required} distinct approvers other than the operator (got {others})");
        }

        if (problems.Count > 0)
        {
            errors["approvers"] = [.. problems];
        }
    }

    private static void RequireText(Dictionary<string, string[]> errors, string field, string? value, int maxLength, string missing = "is required")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [missing];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"must be at most {maxLength} characters"];
        }
    }

    private static void OptionalText(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value?.Length > MaxTextLength)
        {
            errors[field] = [$"must be at most {MaxTextLength} characters"];
        }
    }
}
