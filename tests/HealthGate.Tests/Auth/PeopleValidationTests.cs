using System.Security.Cryptography;
using System.Text;
using HealthGate.Auth;

namespace HealthGate.Tests.Auth;

/// <summary>Auth:People is validated at start, each bad key named; a shared or service key hash is refused.</summary>
public sealed class PeopleValidationTests
{
    internal static string Sha(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static PersonOptions Person(string name, string key, params string[] roles) => new() { Name = name, KeySha256 = Sha(key), Roles = [.. roles] };

    private static IReadOnlyList<string> Errors(AuthOptions options)
    {
        var result = new AuthOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void DistinctPeopleWithOwnKeysAreAccepted()
    {
        var options = new AuthOptions
        {
            People = { ["olga"] = Person("Olga Ivanova", "k-olga", "operator"), ["jane"] = Person("Jane Smith", "k-jane", "risk-manager", "cto") },
            ApiKeys = { ["launcher"] = "k-launcher" },
        };

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void NamesEqualAfterFoldingAreRefusedNamingTheKey()
    {
        var options = new AuthOptions { People = { ["a"] = Person("Strauß", "k1", "cto"), ["b"] = Person("STRAUSS", "k2", "cto") } };

        var error = Assert.Single(Errors(options));
        Assert.StartsWith("HealthGate:Auth:People:b:Name", error, StringComparison.Ordinal);
        Assert.Contains("'a'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACyrillicLookAlikeOfAnotherNameIsRefused()
    {
        var options = new AuthOptions { People = { ["olga"] = Person("Olga", "k1", "operator"), ["olga2"] = Person("\u041Elga", "k2", "cto") } };

        Assert.Contains(Errors(options), e => e.StartsWith("HealthGate:Auth:People:olga2:Name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000a")]
    public void AKeyHashThatIsNot64HexIsRefused(string hash)
    {
        var options = new AuthOptions { People = { ["olga"] = new PersonOptions { Name = "Olga", Roles = ["operator"], KeySha256 = hash } } };

        Assert.Contains(Errors(options), e => e.StartsWith("HealthGate:Auth:People:olga:KeySha256", StringComparison.Ordinal));
    }

    [Fact]
    public void AKeyHashSharedByTwoPeopleIsRefused()
    {
        var shared = Person("Jane Smith", "same-key", "cto");
        shared.KeySha256 = shared.KeySha256.ToUpperInvariant(); // case does not make it another hash
        var options = new AuthOptions { People = { ["olga"] = Person("Olga", "same-key", "operator"), ["jane"] = shared } };

        Assert.Contains(Errors(options), e => e.StartsWith("HealthGate:Auth:People:jane:KeySha256", StringComparison.Ordinal) && e.Contains("'olga'", StringComparison.Ordinal));
    }

    [Fact]
    public void APersonKeyThatIsAServiceKeyIsRefused()
    {
        var options = new AuthOptions { People = { ["olga"] = Person("Olga", "launcher-key", "operator") }, ApiKeys = { ["launcher"] = "launcher-key" } };

        Assert.Contains(Errors(options), e => e.StartsWith("HealthGate:Auth:People:olga:KeySha256", StringComparison.Ordinal) && e.Contains("ApiKeys:launcher", StringComparison.Ordinal));
    }

    [Fact]
    public void RolesAreRequiredAndNonEmpty()
    {
        var options = new AuthOptions { People = { ["olga"] = Person("Olga", "k1"), ["jane"] = Person("Jane", "k2", "cto", " ") } };

        var errors = Errors(options);
        Assert.Contains(errors, e => e.StartsWith("HealthGate:Auth:People:olga:Roles", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HealthGate:Auth:People:jane:Roles:1", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEmptyPersonIdIsRefused()
    {
        var options = new AuthOptions { People = { [" "] = Person("Olga", "k1", "operator") } };

        Assert.Contains(Errors(options), e => e.Contains("person id", StringComparison.Ordinal));
    }

    [Fact]
    public void JwtNeedsAnAudienceAndHttpsMetadata()
    {
        var options = new AuthOptions { Jwt = { Authority = "http://idp.example/realms/desk" } };

        var errors = Errors(options);
        Assert.Contains(errors, e => e.StartsWith("HealthGate:Auth:Jwt:Audience", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HealthGate:Auth:Jwt:RequireHttpsMetadata", StringComparison.Ordinal));
    }
}
