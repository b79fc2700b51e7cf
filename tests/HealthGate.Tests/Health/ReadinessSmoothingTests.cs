using HealthGate.Checks;
using HealthGate.Health;
using HealthGate.Tests.Checks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Health;

/// <summary>Readiness hysteresis: a flip needs FailureThreshold / SuccessThreshold consecutive results; the first is taken as it is.</summary>
public sealed class ReadinessSmoothingTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ItFlipsToUnhealthyOnlyAfterTheFailureThresholdAndBackOnlyAfterTheSuccessThreshold()
    {
        var smoothing = Smoothing(failure: 3, success: 2);

        // H, U, U, U, H, H as raw results; readiness shows H, H, H, U, U, H.
        var shown = new[] { HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy, HealthStatus.Healthy }
            .Select(raw => smoothing.Apply(Run(raw)).Checks[0].Status)
            .ToList();

        Assert.Equal([HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy], shown);
    }

    [Fact]
    public void AnInterruptedStreakStartsAgain()
    {
        var smoothing = Smoothing(failure: 2, success: 1);

        var shown = new[] { HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Unhealthy }
            .Select(raw => smoothing.Apply(Run(raw)).Checks[0].Status)
            .ToList();

        Assert.Equal([HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Unhealthy], shown);
    }

    [Fact]
    public void TheFirstResultIsShownAsItIsSoADependencyDownAtStartIsNotReady()
    {
        var smoothing = Smoothing(failure: 5, success: 5);

        Assert.Equal(HealthStatus.Unhealthy, smoothing.Apply(Run(HealthStatus.Unhealthy)).Checks[0].Status);
    }

    [Fact]
    public void WhileHeldTheDescriptionSaysWhatTheLatestResultWas()
    {
        var smoothing = Smoothing(failure: 2, success: 1);
        smoothing.Apply(Run(HealthStatus.Healthy));

        var held = smoothing.Apply(Run(HealthStatus.Unhealthy)).Checks[0];

        Assert.Equal(HealthStatus.Healthy, held.Status);
        Assert.Contains("latest Unhealthy: unreachable; 1 of 2 before readiness flips", held.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FailureThreshold", "0")]
    [InlineData("SuccessThreshold", "11")]
    public void ThresholdsOutsideOneToTenAreRefused(string key, string value)
    {
        var errors = CheckJson.ConfigErrors(
            ("Checks:db:Type", "disk"), ("Checks:db:Tier", "P0"), ("Checks:db:Path", "/tmp"), ($"Checks:db:{key}", value));

        Assert.Contains(errors, e => e.StartsWith($"HealthGate:Checks:db:{key}: must be between 1 and 10", StringComparison.Ordinal));
    }

    private static ReadinessSmoothing Smoothing(int failure, int success)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HealthGate:Checks:db:Type"] = "disk",
            ["HealthGate:Checks:db:Tier"] = "P0",
            ["HealthGate:Checks:db:Path"] = "/tmp",
            ["HealthGate:Checks:db:FailureThreshold"] = failure.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HealthGate:Checks:db:SuccessThreshold"] = success.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ReadinessSmoothing(CheckCatalog.Load(configuration, BuiltInCheckTypes.All));
    }

    private static CheckRun Run(HealthStatus status) => new(At, TimeSpan.FromMilliseconds(1),
    [
        new CheckResult("db", "disk", CheckTier.P0, status, 1, status == HealthStatus.Healthy ? "ok" : "unreachable", status.ToString(), new Dictionary<string, object>()),
    ]);
}
