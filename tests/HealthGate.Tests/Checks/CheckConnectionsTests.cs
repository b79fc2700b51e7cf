using HealthGate.Checks.Probing;

namespace HealthGate.Tests.Checks;

/// <summary>Which hosts the checks' HTTP client refuses without a DNS query: the special-use domain <c>invalid</c> only.</summary>
public sealed class CheckConnectionsTests
{
    [Theory]
    [InlineData("invalid", true)]
    [InlineData("execution.healthgate.invalid", true)]
    [InlineData("EXECUTION.Invalid", true)]
    [InlineData("execution.invalid.", true)]
    [InlineData("notinvalid", false)]
    [InlineData("invalid.example.com", false)]
    [InlineData("execution.invalid-zone.net", false)]
    [InlineData("localhost", false)]
    [InlineData("127.0.0.1", false)]
    public void OnlyANameInTheInvalidDomainIsRefusedUnasked(string host, bool refused) =>
        Assert.Equal(refused, CheckConnections.IsInvalidName(host));
}
