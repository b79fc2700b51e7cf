using HealthGate.Configuration;
using Microsoft.Extensions.Configuration;

namespace HealthGate.Tests.Configuration;

/// <summary><c>--config PATH</c> layers over appsettings.json and under environment variables.</summary>
public sealed class ConfigFileArgumentTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"healthgate-config-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void ConfigFileOverridesAppSettingsAndEnvironmentOverridesConfigFile()
    {
        // A section of its own: environment variables are process-wide and tests run in parallel.
        var section = $"HgTest{Guid.NewGuid():N}";
        File.WriteAllText(_file, $$"""{ "{{section}}": { "A": "file", "B": "file" } }""");
        Environment.SetEnvironmentVariable($"{section}__B", "environment");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{section}:A"] = "appsettings", [$"{section}:C"] = "appsettings" });
            configuration.AddEnvironmentVariables();

            configuration.AddConfigFileArgument(["--urls", "http://127.0.0.1:1", "--config", _file]);

            Assert.Equal("file", configuration[$"{section}:A"]);
            Assert.Equal("environment", configuration[$"{section}:B"]);
            Assert.Equal("appsettings", configuration[$"{section}:C"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{section}__B", null);
        }
    }

    [Fact]
    public void MissingConfigFileIsRefused()
    {
        var configuration = new ConfigurationManager();

        var exception = Assert.Throws<InvalidOperationException>(() => configuration.AddConfigFileArgument(["--config", _file]));

        Assert.Contains(_file, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigEqualsFormIsAccepted()
    {
        File.WriteAllText(_file, """{ "HealthGate": { "A": "file" } }""");
        var configuration = new ConfigurationManager();

        configuration.AddConfigFileArgument([$"--config={_file}"]);

        Assert.Equal("file", configuration["HealthGate:A"]);
    }

    [Fact]
    public void ASecondConfigFileIsRefusedNamingBothNeverIgnored()
    {
        File.WriteAllText(_file, """{ "HealthGate": { } }""");
        var configuration = new ConfigurationManager();

        var exception = Assert.Throws<InvalidOperationException>(() => configuration.AddConfigFileArgument(["--config", _file, "--config=/etc/desk-overlay.json"]));

        Assert.Contains($"'{_file}' and '/etc/desk-overlay.json'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("exactly one desk file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectoryIsNamedAsADirectoryNotAsMissing()
    {
        var directory = Directory.CreateTempSubdirectory("healthgate-desk-dir-").FullName;
        try
        {
            var exception = Assert.Throws<InvalidOperationException>(() => new ConfigurationManager().AddConfigFileArgument(["--config", directory]));

            Assert.Contains("is a directory", exception.Message, StringComparison.Ordinal);
            Assert.True(StartupFailure.IsConfigurationError(exception));
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void ASymlinkLoopIsNamedWithTheSystemsReason()
    {
        var directory = Directory.CreateTempSubdirectory("healthgate-desk-loop-").FullName;
        try
        {
            var a = Path.Combine(directory, "a.json");
            File.CreateSymbolicLink(a, Path.Combine(directory, "b.json"));
            File.CreateSymbolicLink(Path.Combine(directory, "b.json"), a);

            var exception = Assert.Throws<InvalidOperationException>(() => new ConfigurationManager().AddConfigFileArgument(["--config", a]));

            Assert.Contains("cannot be read", exception.Message, StringComparison.Ordinal);
            Assert.Contains("symbolic links", exception.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("does not exist", exception.Message, StringComparison.Ordinal);
            Assert.True(StartupFailure.IsConfigurationError(exception));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
