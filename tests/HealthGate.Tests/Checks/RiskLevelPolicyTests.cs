using HealthGate.Checks.Risk;
using HealthGate.Configuration;

namespace HealthGate.Tests.Checks;

/// <summary>The risk allow-list on its own, no host and no HTTP: which level is GO, a warning, a halt or unknown.</summary>
public sealed class RiskLevelPolicyTests
{
    private static readonly RiskLevelPolicy Policy = new(["NORMAL", "CALM"], ["ELEVATED"], ["HALT"]);

    [Theory]
    [InlineData("NORMAL", "Healthy", "ok")]
    [InlineData("calm", "Healthy", "ok")]
    [InlineData("Elevated", "Degraded", "risk_elevated")]
    [InlineData("HALT", "Unhealthy", "risk_critical")]
    [InlineData("critical", "Unhealthy", "risk_critical")]
    [InlineData("HIGH", "Unhealthy", "unknown_risk_level")]
    [InlineData("", "Unhealthy", "unknown_risk_level")]
    public void EachLevelIsClassifiedByTheListItIsIn(string level, string status, string reason)
    {
        var (actualStatus, actualReason) = Policy.Classify(level);

        Assert.Equal(status, actualStatus.ToString());
        Assert.Equal(reason, actualReason);
    }

    [Fact]
    public void CriticalIsBlockingWhateverIsConfigured()
    {
        Assert.Equal(["CRITICAL"], new RiskLevelPolicy(["NORMAL"], [], []).Blocking);
    }

    [Fact]
    public void ALevelInTwoListsOrABlockingLevelThatIsAllowedIsRefusedNamingTheList()
    {
        var errors = new ConfigErrors();

        new RiskLevelPolicy(["NORMAL", "critical"], ["NORMAL", "HALT"], ["HALT"]).ValidateOverlaps("HealthGate:Checks:risk", errors);

        Assert.Equal(
            [
                "HealthGate:Checks:risk:AllowedLevels: 'critical' is a blocking level and cannot be allowed",
                "HealthGate:Checks:risk:DegradedLevels: 'HALT' is a blocking level and cannot be degraded",
                "HealthGate:Checks:risk:DegradedLevels: 'NORMAL' is also in AllowedLevels",
            ],
            errors.Messages);
    }

    [Theory]
    [InlineData(" NORMAL")]
    [InlineData("")]
    [InlineData("NOR\u200BMAL")]
    public void AConfiguredLevelMustBeAVisibleToken(string level)
    {
        var errors = new ConfigErrors();

        RiskLevelPolicy.ValidateLevels("HealthGate:Checks:risk:AllowedLevels", ["NORMAL", level], errors);

        Assert.StartsWith("HealthGate:Checks:risk:AllowedLevels:1: ", Assert.Single(errors.Messages), StringComparison.Ordinal);
    }
}
