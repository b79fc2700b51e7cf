using System.Net;
using HealthGate.Auth;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Overrides;

/// <summary><c>Auth:RequireKeyForReads</c>: reads behind the API key when asked, open by default; probes and scrapes never.</summary>
public sealed class ReadKeyTests
{
    private const string Key = "read-key-5e2a";
    private static readonly string[] Reads = ["/preflight/runs", "/overrides", "/oplog", "/checks", "/events", "/config"];
    private static readonly string[] Probes = ["/health/live", "/health/ready", "/health/self", "/metrics", "/ui"];

    [Fact]
    public async Task WithRequireKeyForReadsEveryReadNeedsTheKeyAndNoProbeDoes()
    {
        await using var app = HealthGateApplication.With(("Auth:ApiKeys:ops", Key), ("Auth:RequireKeyForReads", true));
        using var client = app.CreateClient();

        foreach (var path in Reads)
        {
            using var refused = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {refused.StatusCode} without a key");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("X-Api-Key", Key);
            using var allowed = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(allowed.IsSuccessStatusCode, $"{path} answered {allowed.StatusCode} with the key");
        }

        foreach (var path in Probes)
        {
            using var probe = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.Unauthorized, probe.StatusCode);
        }
    }

    [Fact]
    public async Task ByDefaultReadsAreOpen()
    {
        await using var app = HealthGateApplication.With(("Auth:ApiKeys:ops", Key));
        using var client = app.CreateClient();

        foreach (var path in Reads.Take(4))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public void RequireKeyForReadsWithoutAUsableKeyIsRefusedAtStart()
    {
        var failures = new AuthOptionsValidator().Validate(null, new AuthOptions { RequireKeyForReads = true, ApiKeys = { ["ops"] = AuthOptions.SampleKey } }).Failures ?? [];

        Assert.Contains(failures, f => f.StartsWith("HealthGate:Auth:RequireKeyForReads: needs at least one configured API key", StringComparison.Ordinal));
    }
}
