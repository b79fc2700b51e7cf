using HealthGate.Desks;
using static HealthGate.Tests.Configuration.StartupValidation;

namespace HealthGate.Tests.Desks;

/// <summary><c>HealthGate:Desk:Name</c>: 1–63 characters of [a-z0-9_-], refused at start otherwise, <c>default</c> when unset.</summary>
public sealed class DeskOptionsTests
{
    [Theory]
    [InlineData("Alpha")]
    [InlineData("")]
    [InlineData("desk/one")]
    [InlineData("desk one")]
    [InlineData("a-desk-name-of-sixty-four-characters-is-one-too-many-for-a-label")]
    public void ADeskNameThatIsNotOneIsRefusedAtStart(string name)
    {
        var failures = StartupFailures([("Desk:Name", name)]);

        Assert.Contains(failures, f => f.StartsWith("HealthGate:Desk:Name:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("fx_options-2")]
    [InlineData("a-desk-name-of-sixty-three-characters-is-as-long-as-a-dns-label")]
    public void ADeskNameIsAccepted(string name) =>
        Assert.DoesNotContain(Failures([("Desk:Name", name)]), f => f.StartsWith("HealthGate:Desk", StringComparison.Ordinal));

    [Fact]
    public void TheDeskIsTheDefaultOneWhenUnset() => Assert.Equal("default", new DeskOptions().Name);
}
