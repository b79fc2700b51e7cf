using System.Net;
using System.Net.Http.Headers;
using HealthGate.Dashboard;
using HealthGate.Tests.Overrides;

namespace HealthGate.Tests.Dashboard;

/// <summary>GET /events tells an open page of each override change, so the page reads /overrides at once.</summary>
public sealed class OverrideEventTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    [Fact]
    public async Task ARequestAndADecisionAreStreamedAsOverrideEventsOfIdsAndStatesOnly()
    {
        await using var gate = GateScenario.WithPeople(fixture.StandIn);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/events", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamResult.ContentType));
        using var response = await gate.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 2000", await reader.ReadLineAsync());

        var requested = await gate.RequestAsync(GateScenario.Request("skip_health_check", "paper", null), "olga");
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await requested.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await gate.DecideAsync(id, "approve", "tess")).StatusCode);

        var events = await OverrideEventsAsync(reader, count: 3);

        Assert.Equal(
            [
                $"{{\"id\":{id},\"state\":\"pending\",\"event\":\"override_requested\"}}",
                $"{{\"id\":{id},\"state\":\"approved\",\"event\":\"override_decided\"}}",
                $"{{\"id\":{id},\"state\":\"approved\",\"event\":\"override_approved\"}}",
            ],
            events);
    }

    private static async Task<List<string>> OverrideEventsAsync(StreamReader reader, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var found = new List<string>();
        string? previous = null;
        while (found.Count < count && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (previous == $"event: {DashboardEvent.Override}")
            {
                found.Add(line["data: ".Length..]);
            }

            previous = line;
        }

        return found;
    }
}
