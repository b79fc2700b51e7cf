using HealthGate.Auth;
using HealthGate.Configuration;
using HealthGate.Preflight;
using HealthGate.Storage;

namespace HealthGate.Tests.Storage;

/// <summary>Bad Storage, Auth and Preflight keys are named; the real service refuses to start on them (exit 78).</summary>
public sealed class StorageConfigurationTests
{
    [Theory]
    [InlineData("mongodb", null, "HealthGate:Storage:Provider: unknown provider 'mongodb'")]
    [InlineData("postgres", null, "HealthGate:Storage:ConnectionString: is required")]
    [InlineData("postgres", "Host=127.0.0.1;Flavour=strawberry", "HealthGate:Storage:ConnectionString: is not a valid PostgreSQL connection string")]
    [InlineData("sqlite", "Data Source=:memory:", "HealthGate:Storage:ConnectionString: must name a writable database file")]
    [InlineData("sqlite", "Data Source=x.db;Mode=Memory", "HealthGate:Storage:ConnectionString: must name a writable database file")]
    [InlineData("sqlite", "Data Source=x.db;Mode=ReadOnly", "HealthGate:Storage:ConnectionString: must name a writable database file")]
    [InlineData("sqlite", "Flavour=strawberry", "HealthGate:Storage:ConnectionString: is not a valid SQLite connection string")]
    public void BadStorageKeysAreNamed(string provider, string? connectionString, string expected)
    {
        var failures = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = provider, ConnectionString = connectionString }).Failures ?? [];

        Assert.Contains(failures, m => m.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TheDefaultsAreValidAndNamedInTheDesign()
    {
        var options = new StorageOptions();

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new PreflightOptionsValidator().Validate(null, new PreflightOptions()).Succeeded);
        Assert.Equal("Data Source=data/healthgate.db", options.EffectiveConnectionString);
        Assert.Equal(30, options.RetentionDays);
        Assert.Equal(60, new PreflightOptions().VerdictTtlSeconds);
    }

    [Fact]
    public void NumbersMustBePositiveAndKeysNotEmpty()
    {
        string[] failures =
        [
            .. new StorageOptionsValidator().Validate(null, new StorageOptions { RetentionDays = 0, PruneIntervalMinutes = -1 }).Failures ?? [],
            .. new PreflightOptionsValidator().Validate(null, new PreflightOptions { VerdictTtlSeconds = 0 }).Failures ?? [],
            .. new AuthOptionsValidator().Validate(null, new AuthOptions { ApiKeys = { ["ops"] = " " } }).Failures ?? [],
        ];

        Assert.Equal(
            [
                "HealthGate:Storage:RetentionDays: must be greater than 0",
                "HealthGate:Storage:PruneIntervalMinutes: must be greater than 0",
                "HealthGate:Preflight:VerdictTtlSeconds: must be greater than 0",
                "HealthGate:Auth:ApiKeys:ops: must not be empty",
            ],
            failures);
    }

    [Fact]
    public void ThePostgresPasswordIsASecretAndNotPartOfTheDescription()
    {
        var options = new StorageOptions { Provider = "postgres", ConnectionString = "Host=db.internal;Port=5433;Username=gate;Password=Very-Secret-77;Database=gate" };

        Assert.Equal(["Very-Secret-77"], options.Secrets());
        Assert.Equal("db.internal:5433/gate", options.Describe());
    }

    [Fact]
    public async Task TheServiceRefusesToStartOnABadStorageKeyWithExitCode78()
    {
        using var directory = new TempDirectory();
        var config = directory.WriteConfig(new { HealthGate = new { Storage = new { Provider = "mongodb", RetentionDays = 0 } } });

        await using var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StartupFailure.ConfigurationExitCode, service.ExitCode);
        Assert.Contains("HealthGate:Storage:Provider: unknown provider 'mongodb'", service.Output, StringComparison.Ordinal);
        Assert.Contains("HealthGate:Storage:RetentionDays: must be greater than 0", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachablePostgresStoreStopsTheStartWithoutShowingThePassword()
    {
        using var directory = new TempDirectory();
        var connectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Username=gate;Password=Very-Secret-77;Timeout=2";
        var config = directory.WriteConfig(new { HealthGate = new { Checks = new { baseline = TempDirectory.BaselineCheck }, Storage = new { Provider = "postgres", ConnectionString = connectionString } } });

        await using var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StartupFailure.ConfigurationExitCode, service.ExitCode);
        Assert.Contains("HealthGate:Storage: cannot prepare the postgres store", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Very-Secret-77", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSqliteDirectoryIsCreatedAtStart()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"healthgate-dir-{Guid.NewGuid():N}");
        var file = Path.Combine(directory, "a", "b", "gate.db");
        await using (var app = HealthGateApplication.With(("Storage:ConnectionString", $"Data Source={file}")))
        {
            using var client = app.CreateClient();
        }

        Assert.True(File.Exists(file));
        Directory.Delete(directory, recursive: true);
    }
}
