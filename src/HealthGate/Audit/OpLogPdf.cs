using PdfSharp.Pdf;

namespace HealthGate.Audit;

/// <summary>
/// The evidence packs as PDF (PDFsharp, MIT; DejaVu Sans through <see cref="EvidenceFonts"/>): one for a period of the
/// operational log, one for a preflight run. Pure: what they show is what they are given.
/// </summary>
internal static class OpLogPdf
{
    /// <summary>Title, desk and period, the chain's verification and head, then every entry of the period.</summary>
    public static byte[] Period(PeriodEvidence pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Render("Operational log evidence", pack.Desk, pack.GeneratedAt, layout =>
        {
            layout.Field("Desk", pack.Desk);
            layout.Field("Period", $"{Timestamps.ToText(pack.From)} to {Timestamps.ToText(pack.To)} (UTC, end excluded)");
            layout.Field("Generated at", Timestamps.ToText(pack.GeneratedAt));
            EvidenceSections.Chain(layout, pack.Chain, pack.Entries, linked: true);
            layout.Section($"Entries ({pack.Entries.Count})");
            if (pack.Entries.Count == 0)
            {
                layout.Text("No entry in this period.", layout.Body);
            }

            foreach (var entry in pack.Entries)
            {
                EvidenceSections.Entry(layout, entry);
            }
        });
    }

    /// <summary>The run and its checks, its overrides with each approval, the entries about it and the chain's head.</summary>
    public static byte[] Run(RunEvidence pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Render("Preflight run evidence", pack.Desk, pack.GeneratedAt, layout =>
        {
            layout.Field("Desk", pack.Desk);
            layout.Field("Generated at", Timestamps.ToText(pack.GeneratedAt));
            EvidenceSections.Chain(layout, pack.Chain, pack.Entries, linked: false);
            EvidenceRunSections.Run(layout, pack.Run);
            layout.Section($"Overrides ({pack.Overrides.Count})");
            if (pack.Overrides.Count == 0)
            {
                layout.Text("No override was requested for this run.", layout.Body);
            }

            foreach (var record in pack.Overrides)
            {
                EvidenceRunSections.Override(layout, record);
            }

            layout.Section($"Operational log entries about this run ({pack.Entries.Count})");
            foreach (var entry in pack.Entries)
            {
                EvidenceSections.Entry(layout, entry);
            }
        });
    }

    private static byte[] Render(string title, string desk, DateTimeOffset generatedAt, Action<EvidenceLayout> body)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{title}: {desk}";
        document.Info.Creator = "HealthGate";
        document.Info.CreationDate = generatedAt.UtcDateTime;
        using (var layout = new EvidenceLayout(document, $"HealthGate · {title} · desk {desk} · generated {Timestamps.ToText(generatedAt)}"))
        {
            layout.Text(title, layout.Title);
            layout.Rule(before: 2, after: 6);
            body(layout);
            layout.Finish();
        }

        using var pdf = new MemoryStream();
        document.Save(pdf, closeStream: false);
        return pdf.ToArray();
    }
}
