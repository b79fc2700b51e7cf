using System.Net;
using System.Text.Json;

namespace HealthGate.Tests.Overrides;

/// <summary>The whole operational log as <c>GET /oplog</c> serves it, page after page, for <see cref="OpLogChain.Verify"/>.</summary>
internal static class OpLogReader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new UtcTimestampConverter() } };

    public static async Task<IReadOnlyList<OpLogRecord>> ReadAllAsync(HttpClient client, string? kind = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var entries = new List<OpLogRecord>();
        string? after = null;
        do
        {
            var query = "/oplog?limit=500" + (after is null ? "" : $"&after={after}") + (kind is null ? "" : $"&kind={kind}");
            using var response = await client.GetAsync(new Uri(query, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {query}: {(int)response.StatusCode} {body}");
            var page = JsonSerializer.Deserialize<Page<OpLogRecord>>(body, Json)!;
            entries.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        return entries;
    }

    /// <summary>Asserts the chain is intact (and signed by <paramref name="signingKey"/> when given), naming the first break.</summary>
    public static OpLogVerification AssertIntact(IReadOnlyList<OpLogRecord> entries, byte[]? signingKey = null)
    {
        var verification = OpLogChain.Verify(entries, signingKey);
        Assert.True(verification.IsIntact, $"the chain breaks at entry {verification.BrokenAt}: {verification.Problem}");
        Assert.Equal(entries.Count, verification.Count);
        return verification;
    }
}
