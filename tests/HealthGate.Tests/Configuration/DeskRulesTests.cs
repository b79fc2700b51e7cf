using System.Text;
using HealthGate.Configuration;
using Microsoft.Extensions.Configuration;

namespace HealthGate.Tests.Configuration;

/// <summary>
/// <see cref="DeskRules"/> on real providers: a JSON desk, in-memory settings and the process environment read
/// through a prefix of the test's own (environment variables are process-wide and tests run in parallel).
/// </summary>
public sealed class DeskRulesTests : IDisposable
{
    private const string Desk = """
        { "HealthGate": {
            "Checks": {
              "risk": { "Type": "risk", "Tier": "P0", "Url": "http://127.0.0.1:9/risk", "AllowedLevels": [ "NORMAL" ] },
              "session": { "Type": "session", "Tier": "P1", "TimeZone": "UTC", "Windows": [ { "Days": [ "Mon" ], "From": "08:00", "To": "16:30" } ] }
            },
            "Modes": { "live": { "Tiers": [ "P0", "P1", "P2" ] } } } }
        """;

    private readonly string _prefix = $"HGDR{Guid.NewGuid():N}_";
    private readonly List<string> _variables = [];

    public void Dispose()
    {
        foreach (var variable in _variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void AListMergedFromTheDeskAndAnEnvironmentVariableIsRefusedNamingBoth()
    {
        var errors = Errors(Desk, ("HealthGate__Modes__live__Tiers__0", "P1"));

        var message = Assert.Single(errors, e => e.StartsWith("HealthGate:Modes:live:Tiers:", StringComparison.Ordinal));
        Assert.Contains("JsonStreamConfigurationProvider", message, StringComparison.Ordinal);
        Assert.Contains("environment variables HealthGate__Modes__live__Tiers__*", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HealthGate:Checks:risk:AllowedLevels", "HealthGate__Checks__risk__AllowedLevels__1")]
    [InlineData("HealthGate:Checks:session:Windows", "HealthGate__Checks__session__Windows__1__From")]
    [InlineData("HealthGate:Checks:session:Windows:0:Days", "HealthGate__Checks__session__Windows__0__Days__3")]
    public void EveryListKeyIsGivenWholeByOneSourceHoweverDeep(string list, string variable)
    {
        var errors = Errors(Desk, (variable, "x"));

        Assert.Contains(errors, e => e.StartsWith(list + ": a list must come whole from one configuration source", StringComparison.Ordinal));
    }

    [Fact]
    public void AListFromTwoFilesIsRefusedToo()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Desk)))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HealthGate:Checks:risk:AllowedLevels:0"] = "ELEVATED" })
            .Build();

        Assert.Contains(Validate(configuration), e => e.StartsWith("HealthGate:Checks:risk:AllowedLevels: a list must come whole", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDeskAloneWithSecretsAndEndpointsFromTheEnvironmentIsAccepted()
    {
        var errors = Errors(Desk, ("HealthGate__Checks__risk__Url", "http://risk.internal/state"), ("HealthGate__Checks__RISK__Token", "t"), ("HealthGate__Storage__ConnectionString", "Data Source=x.db"));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("HealthGate__Checks__risk__Enabled", "false")]
    [InlineData("HealthGate__Checks__risk__Tier", "P2")]
    [InlineData("HealthGate__Checks__risk__Type", "http")]
    [InlineData("HealthGate__Checks__risk__DependsOn__0", "session")]
    [InlineData("HealthGate__Checks__risk__TimeoutMs", "60000")]
    [InlineData("HealthGate__Checks__extra__Type", "disk")]
    [InlineData("HealthGate__Checks__extra__Url", "http://127.0.0.1:9/")]
    [InlineData("HealthGate__Modes__audit__Tiers__0", "P0")]
    [InlineData("HealthGate__Readiness__Tiers__0", "P0")]
    [InlineData("HealthGate__Readiness__PeriodSeconds", "3600")]
    [InlineData("HealthGate__Overrides__Policies__live__force_start__Approvals__0", "team-lead")]
    [InlineData("HealthGate__Overrides__ApprovalWindowMinutes", "1440")]
    public void AnEnvironmentVariableThatDefinesTheGateIsRefusedNamingIt(string variable, string value)
    {
        var errors = Errors(Desk, (variable, value));

        Assert.Contains(errors, e => e.StartsWith($"environment variable {variable}: refused", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutADeskFileChecksFromTheEnvironmentAloneAreRefused()
    {
        var errors = Errors(desk: null, ("HealthGate__Checks__disk__Type", "disk"), ("HealthGate__Checks__disk__Tier", "P0"), ("HealthGate__Checks__disk__Path", "/tmp"));

        Assert.Equal(3, errors.Count(e => e.StartsWith("environment variable HealthGate__Checks__disk__", StringComparison.Ordinal)));
    }

    [Fact]
    public void TwoCheckSectionsThatDifferOnlyByCaseAreRefusedNamingBoth()
    {
        var errors = Errors("""{ "HealthGate": { "Checks": { "risk": { "Type": "risk", "Tier": "P0", "Url": "http://127.0.0.1:9/" }, "RISK": { "Enabled": false } } } }""");

        Assert.Contains(errors, e => e.StartsWith("HealthGate:Checks:'RISK' and 'risk': two sections", StringComparison.Ordinal));
    }

    [Fact]
    public void ACheckNameSpeltTwoWaysInTwoDefiningSourcesIsRefused()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Desk)))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HealthGate:Checks:Risk:Enabled"] = "false" })
            .Build();

        Assert.Contains(Validate(configuration), e => e.StartsWith("HealthGate:Checks:risk: differ only by case: 'risk'", StringComparison.Ordinal));
    }

    [Fact]
    public void TheEnvironmentsKeysAreListedByNameOnly()
    {
        var configuration = Build(Desk, [("HealthGate__Checks__risk__Url", "http://user:Very-Secret-77@risk/")]);

        var keys = DeskRules.EnvironmentKeys(ConfigurationSources.Read(configuration));

        Assert.Equal(["HealthGate__Checks__risk__Url"], keys);
    }

    private List<string> Errors(string? desk, params (string Name, string Value)[] environment) => Validate(Build(desk, environment));

    private static List<string> Validate(IConfigurationRoot configuration)
    {
        var errors = new ConfigErrors();
        DeskRules.Validate(ConfigurationSources.Read(configuration), errors);
        return [.. errors.Messages];
    }

    private IConfigurationRoot Build(string? desk, (string Name, string Value)[] environment)
    {
        foreach (var (name, value) in environment)
        {
            _variables.Add(_prefix + name);
            Environment.SetEnvironmentVariable(_prefix + name, value);
        }

        var builder = new ConfigurationBuilder();
        if (desk is not null)
        {
            builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(desk)));
        }

        return builder.AddEnvironmentVariables(_prefix).Build();
    }
}
