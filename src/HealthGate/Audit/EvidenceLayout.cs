using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HealthGate.Audit;

/// <summary>
/// Writes an evidence pack top to bottom on A4 pages: titles, headings, and rows of cells whose text wraps at word
/// boundaries (a word wider than its cell, such as a long token, breaks between characters). A new page starts
/// whenever the next line would cross the bottom margin, so a pack of any length paginates; <see cref="Finish"/>
/// numbers the pages.
/// </summary>
internal sealed class EvidenceLayout : IDisposable
{
    public const double Margin = 50;
    private const double FooterGap = 24;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument _document;
    private readonly string _footer;
    private XGraphics? _graphics;
    private double _y;

    public EvidenceLayout(PdfDocument document, string footer)
    {
        EvidenceFonts.EnsureInstalled();
        _document = document;
        _footer = footer;
        Body = new XFont(EvidenceFonts.Family, 9, XFontStyleEx.Regular, Unicode);
        Strong = new XFont(EvidenceFonts.Family, 9, XFontStyleEx.Bold, Unicode);
        Heading = new XFont(EvidenceFonts.Family, 12, XFontStyleEx.Bold, Unicode);
        Title = new XFont(EvidenceFonts.Family, 16, XFontStyleEx.Bold, Unicode);
        NewPage();
    }

    public XFont Body { get; }

    public XFont Strong { get; }

    public XFont Heading { get; }

    public XFont Title { get; }

    public double Width => Page.Width.Point - (2 * Margin);

    private PdfPage Page => _document.Pages[_document.PageCount - 1];

    private double Bottom => Page.Height.Point - Margin - FooterGap;

    private XGraphics Graphics => _graphics ?? throw new InvalidOperationException("the layout is finished");

    public void Text(string text, XFont font, double before = 0)
    {
        _y += before;
        Row([text], [Width], [font]);
    }

    /// <summary>A heading and a rule, kept on the page with the first lines that follow them.</summary>
    public void Section(string title)
    {
        KeepTogether(10 + (Heading.GetHeight() + (4 * Body.GetHeight())));
        Text(title, Heading, before: 10);
        Rule();
    }

    /// <summary>A label in bold and its value, wrapped beside it; nothing when the value is null.</summary>
    public void Field(string label, string? value, double labelWidth = 95)
    {
        if (value is not null)
        {
            Row([label, value], [labelWidth, Width - labelWidth], [Strong, Body]);
        }
    }

    /// <summary>Cells side by side, each wrapped to its width; a row that fits on a page is not split.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, IReadOnlyList<XFont> fonts)
    {
        var lines = cells.Select((cell, i) => Wrap(cell, fonts[i], widths[i] - 4)).ToList();
        var height = lines.Max(l => l.Count) * LineHeight(fonts);
        if (_y + Math.Min(height, Bottom - Margin) > Bottom)
        {
            NewPage();
        }

        for (var line = 0; line < lines.Max(l => l.Count); line++)
        {
            if (_y + LineHeight(fonts) > Bottom)
            {
                NewPage();
            }

            var x = Margin;
            for (var cell = 0; cell < cells.Count; cell++)
            {
                if (line < lines[cell].Count)
                {
                    Graphics.DrawString(lines[cell][line], fonts[cell], XBrushes.Black, new XRect(x, _y, widths[cell], LineHeight(fonts)), XStringFormats.TopLeft);
                }

                x += widths[cell];
            }

            _y += LineHeight(fonts);
        }
    }

    /// <summary>Room for <paramref name="height"/> points here, or a new page: keeps a heading with what follows it.</summary>
    public void KeepTogether(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Rule(double before = 3, double after = 4)
    {
        _y += before;
        Graphics.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
        _y += after;
    }

    /// <summary>Numbers every page in its footer; call once, after the last row.</summary>
    public void Finish()
    {
        _graphics?.Dispose();
        _graphics = null;
        for (var i = 0; i < _document.PageCount; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var text = string.Create(CultureInfo.InvariantCulture, $"{_footer} · page {i + 1} of {_document.PageCount}");
            graphics.DrawString(EvidenceText.Printable(text), Body, XBrushes.Gray,
                new XRect(Margin, page.Height.Point - Margin, page.Width.Point - (2 * Margin), LineHeight([Body])), XStringFormats.TopLeft);
        }
    }

    public void Dispose() => _graphics?.Dispose();

    /// <summary>Lines of at most <paramref name="width"/> points; the text's own line breaks are kept.</summary>
    internal List<string> Wrap(string text, XFont font, double width) => EvidenceText.Wrap(text, width, line => Measure(line, font));

    internal double Measure(string text, XFont font) => Graphics.MeasureString(text, font).Width;

    private static double LineHeight(IReadOnlyList<XFont> fonts) => fonts.Max(f => f.GetHeight());

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }
}
