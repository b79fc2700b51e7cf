using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HealthGate.Tests.Audit;

/// <summary>
/// Reads a PDF back with Debian's poppler-utils, a reader independent of the writer. A missing binary fails the test
/// with the package to install (scripts/test.sh installs it); it never skips.
/// </summary>
internal static class Poppler
{
    public static async Task<string> TextAsync(byte[] pdf) => await RunAsync("pdftotext", pdf, ["-enc", "UTF-8"], "-");

    public static async Task<int> PagesAsync(byte[] pdf)
    {
        var info = await RunAsync("pdfinfo", pdf, [], null);
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs of white space (pdftotext's line breaks included) as one space, so wrapped text compares as written.</summary>
    public static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<string> RunAsync(string tool, byte[] pdf, string[] options, string? output)
    {
        var binary = Binaries.Find(tool, "poppler-utils");
        var file = Path.Combine(Path.GetTempPath(), $"healthgate-evidence-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var arg in options.Append(file).Concat(output is null ? [] : [output]))
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {binary}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
