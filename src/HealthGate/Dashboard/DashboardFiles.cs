using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace HealthGate.Dashboard;

/// <summary>
/// The page's files under <c>wwwroot/ui/</c> beside the binary. Only plain file names in that one folder are
/// served: no sub-path, no dot-file, nothing else under wwwroot.
/// </summary>
internal static partial class DashboardFiles
{
    public const string Folder = "ui";
    public const string Index = "index.html";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static (IFileInfo File, string ContentType)? Find(IWebHostEnvironment environment, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!FileName().IsMatch(name) || !ContentTypes.TryGetContentType(name, out var contentType))
        {
            return null;
        }

        if (contentType.StartsWith("text/", StringComparison.Ordinal))
        {
            contentType += "; charset=utf-8";
        }

        var file = environment.WebRootFileProvider.GetFileInfo($"{Folder}/{name}");
        return file is { Exists: true, IsDirectory: false } ? (file, contentType) : null;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\.(html|js|css|png|svg|ico)$")]
    private static partial Regex FileName();
}
