namespace HealthGate.Testing;

/// <summary>The repository root: the first folder above the test binaries that holds HealthGate.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> CachedPath = new(Find);

    public static string Path => CachedPath.Value;

    /// <summary>A path under the root, written with '/' as in the deploy files.</summary>
    public static string File(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        var trimmed = relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative.TrimStart('/');
        return System.IO.Path.Combine(Path, trimmed.Replace('/', System.IO.Path.DirectorySeparatorChar));
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "HealthGate.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds HealthGate.sln");
    }
}
