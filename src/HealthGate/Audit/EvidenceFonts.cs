using PdfSharp.Fonts;

namespace HealthGate.Audit;

/// <summary>
/// The evidence packs' font: DejaVu Sans (regular and bold) read from the system, where Debian's and Ubuntu's
/// <c>fonts-dejavu-core</c> put it (the Dockerfile and scripts/test.sh install it). PDFsharp 6 reads no system fonts
/// on Linux, so without this it cannot draw a letter; DejaVu covers Latin, Greek and Cyrillic names and is free to
/// embed (Bitstream Vera licence). A missing font fails the export with the package to install, never a PDF
/// without text.
/// </summary>
internal sealed class EvidenceFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans.ttf";
    private const string Bold = "DejaVuSans-Bold.ttf";

    /// <summary>Debian and Ubuntu first; then Fedora's and Alpine's folders for the same files.</summary>
    public static IReadOnlyList<string> Directories { get; } =
        ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/dejavu"];

    private static readonly Lock Gate = new();

    private readonly Dictionary<string, byte[]> _faces;

    private EvidenceFonts(Dictionary<string, byte[]> faces) => _faces = faces;

    /// <summary>Installs the resolver once per process (PDFsharp's setting is global and may be set only once).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is EvidenceFonts)
            {
                return;
            }

            GlobalFontSettings.FontResolver = Load(Directories);
        }
    }

    /// <summary>Reads both faces from the first folder that has them, or says which package to install.</summary>
    public static EvidenceFonts Load(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var searched = new List<string>();
        foreach (var directory in directories)
        {
            searched.Add(directory);
            var regular = Path.Combine(directory, Regular);
            var bold = Path.Combine(directory, Bold);
            if (File.Exists(regular) && File.Exists(bold))
            {
                return new EvidenceFonts(new Dictionary<string, byte[]>(StringComparer.Ordinal)
                {
                    [Regular] = File.ReadAllBytes(regular),
                    [Bold] = File.ReadAllBytes(bold),
                });
            }
        }

        throw new InvalidOperationException(
            $"The PDF evidence pack needs the DejaVu Sans font ({Regular} and {Bold}), found in none of {string.Join(", ", searched)}. " +
            "Install it: apt-get install -y fonts-dejavu-core");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
