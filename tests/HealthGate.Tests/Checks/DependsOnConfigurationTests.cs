using HealthGate.Checks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Configuration.StartupValidation;

namespace HealthGate.Tests.Checks;

/// <summary><c>DependsOn</c> at start: every bad list is refused naming its key; good ones, including a check registered in code, are accepted.</summary>
public sealed class DependsOnConfigurationTests
{
    private static (string Key, object? Value)[] Disk(string name, string tier = "P0", params (string Key, object? Value)[] keys) =>
        Check(name, "disk", tier, [("Path", Path.GetTempPath()), ("MinFreeMb", 1), .. keys]);

    [Fact]
    public void AnUnknownNameIsRefusedNamingTheKeyAndTheChecksTheGateRuns()
    {
        var failures = StartupFailures([.. Disk("postgres"), .. Disk("api", "P1", DependsOn("postgress"))]);

        var failure = Assert.Single(failures);
        Assert.StartsWith("HealthGate:Checks:api:DependsOn: unknown check 'postgress'", failure, StringComparison.Ordinal);
        Assert.Contains("api, postgres", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckThatDependsOnItselfIsRefused()
    {
        var failures = StartupFailures([.. Disk("api", "P0", DependsOn("API"))]);

        Assert.Equal("HealthGate:Checks:api:DependsOn: 'API' is the check itself: a check cannot depend on itself", Assert.Single(failures));
    }

    [Fact]
    public void ACycleOfThreeIsRefusedNamingItsPath()
    {
        var failures = StartupFailures([
            .. Disk("a", "P0", DependsOn("b")),
            .. Disk("b", "P0", DependsOn("c")),
            .. Disk("c", "P0", DependsOn("a")),
            .. Disk("d", "P0", DependsOn("a")),
        ]);

        Assert.Equal("HealthGate:Checks:a:DependsOn: forms a cycle: a -> b -> c -> a", Assert.Single(failures));
    }

    [Fact]
    public void ANameListedTwiceInAnyCaseIsRefused()
    {
        var failures = StartupFailures([.. Disk("postgres"), .. Disk("api", "P1", DependsOn("postgres", "Postgres"))]);

        Assert.Equal("HealthGate:Checks:api:DependsOn: 'Postgres' is listed more than once", Assert.Single(failures));
    }

    [Fact]
    public void ADisabledDependencyIsRefusedRatherThanIgnored()
    {
        var failures = StartupFailures([.. Disk("postgres", "P0", ("Enabled", false)), .. Disk("api", "P0", DependsOn("postgres"))]);

        Assert.StartsWith("HealthGate:Checks:api:DependsOn: 'postgres' is disabled", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyEntryAndASingleNameInsteadOfAListAreRefused()
    {
        var failures = StartupFailures([
            .. Disk("postgres"),
            .. Disk("api", "P0", DependsOn("postgres", " ")),
            .. Disk("feed", "P0", ("DependsOn", "postgres")),
        ]);

        Assert.Contains("HealthGate:Checks:api:DependsOn:1: must name a check", failures);
        Assert.Contains("HealthGate:Checks:feed:DependsOn: expects a list: use a JSON array", failures);
    }

    [Fact]
    public void ADependencyOnACheckWithItsOwnBadKeyIsNotAlsoCalledUnknown()
    {
        var failures = StartupFailures([.. Check("postgres", "postgres", "P0"), .. Disk("api", "P0", DependsOn("postgres"))]);

        Assert.Equal("HealthGate:Checks:postgres:ConnectionString: is required", Assert.Single(failures));
    }

    [Fact]
    public void ACheckRegisteredInCodeMayBeDependedUponByItsName()
    {
        var failures = Failures(
            [.. Disk("api", "P0", DependsOn("Broker-Code"))],
            s => s.AddHealthChecks().AddCheck("broker-code", () => HealthCheckResult.Healthy(), tags: ["P1"]));

        Assert.Empty(failures);
    }

    [Fact]
    public void ACheckRegisteredInCodeWithoutATierNeverRunsSoItIsUnknown()
    {
        var failures = StartupFailures(
            [.. Disk("api", "P0", DependsOn("untiered"))],
            s => s.AddHealthChecks().AddCheck("untiered", () => HealthCheckResult.Healthy()));

        Assert.StartsWith("HealthGate:Checks:api:DependsOn: unknown check 'untiered'", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void TheGateKnowsEachChecksDependenciesByTheirRegisteredNames()
    {
        using var app = HealthGateApplication.With([.. Disk("postgres"), .. Disk("api", "P1", DependsOn("POSTGRES"))]);

        var checks = app.Services.GetRequiredService<GateChecks>().All;

        Assert.Equal(["postgres"], checks.Single(c => c.Name == "api").DependsOn);
        Assert.Empty(checks.Single(c => c.Name == "postgres").DependsOn);
    }
}
