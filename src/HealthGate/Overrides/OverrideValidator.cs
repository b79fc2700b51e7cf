using HealthGate.Contracts;
using HealthGate.Preflight;
using HealthGate.Runs;
using HealthGate.Storage;

namespace HealthGate.Overrides;

/// <summary>
/// The approval rules of an override request, before any run is looked at. <c>paper</c> needs one approver and a
/// reason; every other mode (<c>live</c> and any configured one) needs two distinct approvers, a ticket and a
/// reason. Nobody approves their own override. People are compared as people (<see cref="PersonNames"/>).
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
        if (request.Operator is { } op && PersonNames.HasHiddenCharacters(op))
        {
            errors["operator"] = [HiddenCharacters];
        }

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

    private const string HiddenCharacters = "a name must not hold control or invisible format characters";

    /// <summary>The approvers as recorded: trimmed, each person once, the operator never among them, in the order given.</summary>
    public static string[] DistinctApprovers(IEnumerable<string?>? approvers, string? @operator) =>
        [.. PersonNames.Distinct(approvers).Where(a => !PersonNames.SamePerson(a, @operator))];

    public static bool IsPaper(string? mode) => string.Equals(mode?.Trim(), "paper", StringComparison.OrdinalIgnoreCase);

    private static void ValidateApprovers(Dictionary<string, string[]> errors, OverrideRequest request, int required)
    {
        var given = request.Approvers ?? [];
        var problems = new List<string>();
        if (given.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("must not contain empty names");
        }

        if (given.Any(a => a is not null && PersonNames.HasHiddenCharacters(a)))
        {
            problems.Add(HiddenCharacters);
        }

        if (given.Count > MaxApprovers || given.Any(a => a?.Length > MaxTextLength))
        {
            problems.Add($"at most {MaxApprovers} names of at most {MaxTextLength} characters");
        }

        if (!string.IsNullOrWhiteSpace(request.Operator) && given.Any(a => PersonNames.SamePerson(a, request.Operator)))
        {
            problems.Add("the operator cannot approve their own override");
        }

        var others = DistinctApprovers(given, request.Operator).Length;
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
