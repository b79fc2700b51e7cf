using System.Net;
using System.Text.Json;
using HealthGate.Auth;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>X-Api-Key on the override writes: always required; with no person and no service key configured they are closed.</summary>
public sealed class ApiKeyTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-key-5f1d9c0e7c")]
    [InlineData("TEST-KEY-5F1D9C0E7B")]
    public async Task MissingOrWrongKeyIs401AndNothingIsRecorded(string? key)
    {
        await using var gate = WithKey(_standIn);

        var response = await gate.PostAsync(Request("skip_health_check", "live", null), key);

        await IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await gate.GetJsonAsync("/overrides")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task TheKeyIsCheckedBeforeTheBody()
    {
        await using var gate = WithKey(_standIn);

        await IsProblemAsync(await gate.PostAsync(new { kind = "nonsense" }, key: null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnyConfiguredKeyIsAcceptedAndItsNameRecorded()
    {
        await using var gate = new GateScenario(_standIn, [("Auth:ApiKeys:ops", Key), ("Auth:ApiKeys:desk-2", "second-key-8a7b6c")]);

        var response = await gate.PostAsync(Request("skip_health_check", "live", null), "second-key-8a7b6c");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var requestedBy = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("requestedBy");
        Assert.Equal(("desk-2", "service"), (requestedBy.GetProperty("id").GetString(), requestedBy.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("anything")]
    public async Task WithoutConfiguredKeysTheEndpointsAreClosedSayingSo(string? key)
    {
        await using var gate = new GateScenario(_standIn, []);

        HttpResponseMessage[] responses =
        [
            await gate.PostAsync(Request("skip_health_check", "live", null), key),
            await gate.SendAsync("/overrides/1/approvals", new { decision = "approve" }, key),
            await gate.SendAsync("/overrides/1/use", null, key),
        ];

        foreach (var response in responses)
        {
            var problem = await IsProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains("no person (HealthGate:Auth:People) and no service key (HealthGate:Auth:ApiKeys) is configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await gate.GetJsonAsync("/overrides")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await gate.GetJsonAsync("/oplog")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ThePublishedSampleKeyNeverAuthenticates()
    {
        await using var gate = new GateScenario(_standIn, [("Auth:ApiKeys:ops", AuthOptions.SampleKey)]);

        var response = await gate.PostAsync(Request("skip_health_check", "live", null), AuthOptions.SampleKey);

        await IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
