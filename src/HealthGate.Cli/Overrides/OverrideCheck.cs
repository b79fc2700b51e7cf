namespace HealthGate.Cli.Overrides;

/// <summary>
/// Whether an override read from the gate may be used for this launch: approved, of the kind asked for, for this
/// mode. Pure: null when it may, else the one phrase that says why not.
/// </summary>
internal static class OverrideCheck
{
    public static string? Problem(OverrideRecord record, string kind, string mode, TimeSpan? waited)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.Id;
        if (record.Kind != kind)
        {
            return $"override {id} is a {record.Kind}, not a {kind}";
        }

        if (!string.Equals(record.Mode, mode, StringComparison.OrdinalIgnoreCase))
        {
            return $"override {id} is for mode {record.Mode}, not {mode}";
        }

        return record.State switch
        {
            OverrideStates.Approved => null,
            OverrideStates.Rejected => $"override {id} was rejected: {string.Join("; ", record.Approvals.Where(a => a.Decision == OpLogEvents.Reject).Select(OverrideText.Decision))}",
            OverrideStates.Expired => $"override {id} expired at {Timestamps.ToText(record.ExpiresAt)} (approved by: {OverrideText.ApprovedBy(record)}; awaiting: {OverrideText.Awaiting(record)})",
            OverrideStates.Used => $"override {id} was already used{(record.UsedAt is { } at ? $" at {Timestamps.ToText(at)}" : "")}{(record.UsedForRunId is { } run ? $" for run {run}" : "")}: an override is used once",
            OverrideStates.Pending when waited is { } w => $"timed out after {w.TotalSeconds:0.#} s waiting for override {id}: still awaiting {OverrideText.Awaiting(record)} (approved by: {OverrideText.ApprovedBy(record)})",
            OverrideStates.Pending => $"override {id} is still pending, awaiting {OverrideText.Awaiting(record)}: each approver runs `healthgate override approve {id}`; give --wait SECONDS to wait for them",
            _ => $"override {id} is in state '{record.State}', which is not approved",
        };
    }
}
