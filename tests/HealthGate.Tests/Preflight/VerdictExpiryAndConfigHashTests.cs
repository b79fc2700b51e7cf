using System.Globalization;
using HealthGate.Preflight;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Preflight;

/// <summary>expiresAt (startedAt + VerdictTtlSeconds) and configHash (effective configuration without secrets).</summary>
public sealed class VerdictExpiryAndConfigHashTests
{
    private const string Password = "s3cr3t-Pa55";

    [Fact]
    public async Task AVerdictExpiresSixtySecondsAfterItStartedByDefault()
    {
        await using var app = HealthGateApplication.With();

        var (_, json) = await Preflights.GetPreflightAsync(app, "paper");

        var started = Parse(json.GetProperty("startedAt").GetString());
        Assert.Equal(started.AddSeconds(60), Parse(json.GetProperty("expiresAt").GetString()));
    }

    [Fact]
    public async Task VerdictTtlSecondsSetsTheExpiry()
    {
        await using var app = HealthGateApplication.With(("Preflight:VerdictTtlSeconds", 5));

        var (_, json) = await Preflights.GetPreflightAsync(app, "paper");

        Assert.Equal(Parse(json.GetProperty("startedAt").GetString()).AddSeconds(5), Parse(json.GetProperty("expiresAt").GetString()));
    }

    [Fact]
    public async Task TheConfigHashIsStableAcrossRunsAndRestarts()
    {
        string[] hashes = [await HashOfPreflightAsync(Config("pg.internal")), await HashOfPreflightAsync(Config("pg.internal"))];

        Assert.Matches("^[0-9a-f]{16}$", hashes[0]);
        Assert.Equal(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task TheConfigHashChangesWithTheCheckConfiguration()
    {
        var before = await HashAsync(Config("pg.internal"));

        Assert.NotEqual(before, await HashAsync(Config("pg.replica")));
        Assert.NotEqual(before, await HashAsync([.. Config("pg.internal"), ("Checks:db:TimeoutMs", 900)]));
        Assert.NotEqual(before, await HashAsync([.. Config("pg.internal"), ("Modes:paper:Tiers:0", "P0"), ("Modes:paper:Tiers:1", "P1")]));
    }

    [Fact]
    public async Task PasswordsAndUrlUserInfoNeitherChangeTheHashNorAppearInIt()
    {
        var original = await HashAsync(Config("pg.internal"));
        var rotated = await HashAsync(Config("pg.internal", password: "an0ther-Pa55", urlPassword: "other"));
        await using var app = HealthGateApplication.With(Config("pg.internal"));
        var canonical = Canonical(app);

        Assert.Equal(original, rotated);
        Assert.DoesNotContain(Password, canonical, StringComparison.Ordinal);
        Assert.DoesNotContain("url-pa55", canonical, StringComparison.Ordinal);
        Assert.DoesNotContain("svc-user", canonical, StringComparison.Ordinal);
        Assert.Contains("pg.internal", canonical, StringComparison.Ordinal);
    }

    private static (string Key, object? Value)[] Config(string host, string password = Password, string urlPassword = "url-pa55") =>
    [
        .. Check("db", "postgres", "P1", ("ConnectionString", $"Host={host};Port=1;Username=gate;Password={password};Timeout=1")),
        .. Check("backend", "http", "P1", ("Url", $"http://svc-user:{urlPassword}@127.0.0.1:1/health")),
    ];

    private static async Task<string> HashAsync((string Key, object? Value)[] settings)
    {
        await using var app = HealthGateApplication.With(settings);
        return app.Services.GetRequiredService<CheckConfigurationHash>().Value;
    }

    private static async Task<string> HashOfPreflightAsync((string Key, object? Value)[] settings)
    {
        await using var app = HealthGateApplication.With(settings);
        var (_, json) = await Preflights.GetPreflightAsync(app, "paper");
        return json.GetProperty("configHash").GetString()!;
    }

    private static string Canonical(HealthGateApplication app) => CheckConfigurationHash.Canonical(
        app.Services.GetRequiredService<HealthGate.Checks.GateChecks>(),
        app.Services.GetRequiredService<HealthGate.Checks.CheckCatalog>(),
        app.Services.GetRequiredService<PreflightModes>());

    private static DateTimeOffset Parse(string? timestamp) => DateTimeOffset.Parse(timestamp!, CultureInfo.InvariantCulture);
}
