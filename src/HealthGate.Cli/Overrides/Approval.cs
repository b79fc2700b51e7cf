using HealthGate.Contracts;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// Who asks for an override and who approved it. The rules are the service's, checked here first so the operator
/// is refused before anything runs: live needs two distinct approvers, a ticket and a reason; paper one approver
/// and a reason. Any mode other than paper is held to the live rules.
/// </summary>
internal sealed record Approval(string? Operator, IReadOnlyList<string> Approvers, string? Ticket, string? Reason)
{
    public const string RelaxedMode = "paper";

    /// <summary>Approvers compared as people (<see cref="PersonNames"/>), each once; the operator is never one of them.</summary>
    public IReadOnlyList<string> DistinctApprovers { get; } =
        [.. PersonNames.Distinct(Approvers).Where(a => !PersonNames.SamePerson(a, Operator))];

    /// <summary>What is missing for an override in this mode, one phrase per gap; empty when the approval suffices.</summary>
    public IReadOnlyList<string> Missing(string mode)
    {
        var strict = !string.Equals(mode, RelaxedMode, StringComparison.OrdinalIgnoreCase);
        var needed = strict ? 2 : 1;
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Operator))
        {
            missing.Add("--operator");
        }

        if (Approvers.Append(Operator ?? "").Any(PersonNames.HasHiddenCharacters))
        {
            missing.Add("names without control or invisible format characters");
        }

        if (DistinctApprovers.Count < needed)
        {
            missing.Add($"--approver ({needed} distinct {(needed == 1 ? "approver" : "approvers")}, got {DistinctApprovers.Count})");
        }

        if (strict && string.IsNullOrWhiteSpace(Ticket))
        {
            missing.Add("--ticket");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            missing.Add("--reason");
        }

        return missing;
    }
}
