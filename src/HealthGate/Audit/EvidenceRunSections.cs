namespace HealthGate.Audit;

/// <summary>The parts of a run's evidence pack about the run itself and its overrides.</summary>
internal static class EvidenceRunSections
{
    public static void Run(EvidenceLayout layout, EvidenceRun run)
    {
        layout.Section("Run");
        layout.Field("Run id", run.RunId);
        layout.Field("Mode", run.Mode);
        layout.Field("Verdict", run.Verdict);
        layout.Field("Exit code", run.ExitCode + OpLogText.ExitCodeMeaning(run.ExitCode));
        layout.Field("Started at", Timestamps.ToText(run.StartedAt));
        layout.Field("Config hash", run.ConfigHash);
        layout.Text($"Checks ({run.Checks.Count})", layout.Strong, before: 6);
        double[] widths = [150, 35, 70, layout.Width - 255];
        layout.Row(["Check", "Tier", "Status", "Reason"], widths, [layout.Strong, layout.Strong, layout.Strong, layout.Strong]);
        foreach (var check in run.Checks)
        {
            var why = string.IsNullOrEmpty(check.Description) ? check.Reason ?? "" : $"{check.Reason}\n{check.Description}";
            layout.Row([check.Name, check.Tier, check.Status, why], widths, [layout.Body, layout.Body, layout.Body, layout.Body]);
        }
    }

    public static void Override(EvidenceLayout layout, OverrideRecord o)
    {
        layout.KeepTogether(6 * layout.Body.GetHeight());
        layout.Text($"Override #{o.Id}: {o.Kind}, mode {o.Mode}, {o.State}", layout.Strong, before: 4);
        layout.Field("Requested by", $"{EvidenceSections.Person(o.RequestedBy)} at {Timestamps.ToText(o.RequestedAt)}");
        layout.Field("Expires at", Timestamps.ToText(o.ExpiresAt));
        layout.Field("Run", o.RunId);
        layout.Field("Config hash", o.ConfigHash);
        layout.Field("Reason", o.Reason);
        layout.Field("Ticket", o.Ticket);
        layout.Field("Impact", o.Impact);
        layout.Field("Mitigation", o.Mitigation);
        layout.Field("Roles needed", o.Required.Count == 0 ? "none" : string.Join(", ", o.Required));
        layout.Field("Awaiting", o.Awaiting.Count == 0 ? "none" : string.Join(", ", o.Awaiting));
        layout.Text($"Approvals ({o.Approvals.Count})", layout.Strong, before: 4);
        double[] widths = [120, 80, 90, 60, layout.Width - 350];
        layout.Row(["Person", "Id", "Role", "Decision", "At"], widths, [layout.Strong, layout.Strong, layout.Strong, layout.Strong, layout.Strong]);
        foreach (var a in o.Approvals)
        {
            layout.Row([a.Person.Name, a.Person.Id, a.Role ?? "-", a.Decision, Timestamps.ToText(a.At)], widths,
                [layout.Body, layout.Body, layout.Body, layout.Body, layout.Body]);
            layout.Field($"Comment ({a.Person.Id})", a.Comment, labelWidth: 120);
        }

        if (o.UsedAt is { } usedAt)
        {
            layout.Field("Used", $"at {Timestamps.ToText(usedAt)}"
                + (o.UsedBy is { } by ? $" by {EvidenceSections.Person(by)}" : "")
                + (o.UsedForRunId is { } forRun ? $" for run {forRun}" : ""));
        }

        layout.Rule();
    }
}
