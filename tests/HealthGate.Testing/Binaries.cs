namespace HealthGate.Testing;

/// <summary>Finds the server binaries the tests run. A missing one fails the test with the package to install.</summary>
public static class Binaries
{
    public static string Find(string name, string debianPackage, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':') ?? [];
        foreach (var dir in path.Concat(extraDirectories))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{name}' was not found on PATH or in {string.Join(", ", extraDirectories)}. Install it: apt-get install -y {debianPackage}");
    }

    public static string[] PostgresDirectories() =>
        Directory.Exists("/usr/lib/postgresql")
            ? [.. Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))]
            : [];

    public static bool IsRoot => Environment.UserName == "root";
}
