using System.Text.Json;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Class 7's note: the service loads ICU (for comparing names) but pins its cultures to the invariant one, so what it
/// writes reads the same on every desk. Started in a German locale, a description still says "1.5 ms", never "1,5 ms".
/// </summary>
public sealed class PinnedCultureTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    [Fact]
    public async Task StartedInAGermanLocaleTheServiceStillWritesDecimalsWithAPoint()
    {
        fixture.StandIn.Respond("/culture/health", 200, "{}");
        using var directory = new TempDirectory();
        var config = directory.WriteConfig(new { HealthGate = new { Checks = new { api = new { Type = "http", Tier = "P0", Url = fixture.StandIn.Url("/culture/health") } } } });
        var german = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" };
        await using var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config, Environment = german });
        await service.WaitUntilServingAsync();

        using var response = await service.Client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks")[0];

        // The HTTP check's description carries its latency with one decimal: the culture's separator would show there.
        Assert.Matches(@"^HTTP 200 in [0-9]+\.[0-9] ms$", check.GetProperty("description").GetString());
    }
}
