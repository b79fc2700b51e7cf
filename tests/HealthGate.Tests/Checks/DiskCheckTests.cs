using System.Text.Json;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The <c>disk</c> check against real directories, through GET /preflight.</summary>
public sealed class DiskCheckTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("healthgate-disk-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AWritableDirectoryWithEnoughSpaceIsHealthyAndKeepsNoProbeFile()
    {
        var check = await RunAsync(("Path", _directory), ("MinFreeMb", 1));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.True(check.Data("freeMb").GetInt64() >= 1);
        Assert.Equal(1, check.Data("minFreeMb").GetInt64());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public async Task AMissingDirectoryIsPathMissing()
    {
        var check = await RunAsync(("Path", Path.Combine(_directory, "reports")));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("path_missing", check.Reason());
        Assert.False(Directory.Exists(Path.Combine(_directory, "reports")), "the check must not create the directory");
    }

    [Fact]
    public async Task AFileWhereADirectoryIsExpectedIsPathMissing()
    {
        var file = Path.Combine(_directory, "reports");
        await File.WriteAllTextAsync(file, "not a directory");

        var check = await RunAsync(("Path", file));

        Assert.Equal("path_missing", check.Reason());
    }

    // sysfs and procfs directories exist but refuse new files even to root, where chmod would not stop a write.
    [Theory]
    [InlineData("/sys")]
    [InlineData("/proc")]
    public async Task ADirectoryThatRefusesWritesIsNotWritable(string path)
    {
        Assert.True(Directory.Exists(path), $"{path} is expected on Linux");

        var check = await RunAsync(("Path", path), ("MinFreeMb", 0));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("not_writable", check.Reason());
        Assert.Contains(path, check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LessFreeSpaceThanMinFreeMbIsLowDiskSpace()
    {
        var check = await RunAsync(("Path", _directory), ("MinFreeMb", 1_000_000_000));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("low_disk_space", check.Reason());
        Assert.True(check.Data("freeMb").GetInt64() < 1_000_000_000);
        Assert.Equal(1_000_000_000, check.Data("minFreeMb").GetInt64());
    }

    [Fact]
    public async Task MinFreeMbDefaultsTo100()
    {
        var check = await RunAsync(("Path", _directory));

        Assert.Equal(100, check.Data("minFreeMb").GetInt64());
    }

    [Fact]
    public async Task ARelativePathIsResolvedAgainstTheWorkingDirectory()
    {
        var check = await RunAsync(("Path", "."), ("MinFreeMb", 0));

        Assert.Equal("Healthy", check.Status());
        Assert.Contains(Directory.GetCurrentDirectory(), check.Description(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "HealthGate:Checks:reports-disk:Path: is required")]
    [InlineData("Path", " ", "HealthGate:Checks:reports-disk:Path: is required")]
    [InlineData("MinFreeMb", -1, "HealthGate:Checks:reports-disk:MinFreeMb:")]
    public void BadConfigurationIsRefusedNamingTheKey(string? key, object? value, string expected)
    {
        (string, object?)[] keys = key is null ? [] : key == "Path" ? [("Path", value)] : [("Path", "reports"), (key, value)];

        var errors = CheckJson.ConfigErrors(Check("reports-disk", "disk", "P2", keys));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ANonNumericMinFreeMbIsRefusedNamingTheKey()
    {
        var errors = CheckJson.ConfigErrors(Check("reports-disk", "disk", "P2", ("Path", "reports"), ("MinFreeMb", "lots")));

        Assert.Contains("HealthGate:Checks:reports-disk:MinFreeMb", Assert.Single(errors), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("reports-disk", "disk", "P2", keys));
        return await CheckJson.RunAsync(app, "reports-disk");
    }
}
