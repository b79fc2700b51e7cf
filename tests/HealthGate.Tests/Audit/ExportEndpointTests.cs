using System.Globalization;
using System.Net;
using System.Text.Json;
using HealthGate.Audit;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Audit;

/// <summary>
/// GET /oplog/export and GET /preflight/runs/{runId}/evidence.pdf on the real service after a real story: each format
/// is read back by a reader independent of the writer (an RFC 4180 reader, the text parser, poppler's pdftotext) and
/// compared with what GET /oplog serves.
/// </summary>
public sealed class ExportEndpointTests(ExportStory story) : IClassFixture<ExportStory>
{
    [Fact]
    public async Task TheCsvIsAHeaderAndOneRowPerEntryWithTheLogsSeqKindWhoAndHashes()
    {
        using var response = await GetAsync("/oplog/export?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("healthgate-oplog-all-all.csv", response.Content.Headers.ContentDisposition?.FileName);
        var rows = OpLogCsvTests.Read(await response.Content.ReadAsStringAsync());
        Assert.Equal(OpLogCsv.Columns, rows[0]);
        Assert.Equal(story.Log.Count + 1, rows.Count);
        Assert.Equal(6, story.Log.Count);
        Assert.Equal(
            story.Log.Select(e => (Seq(e.Seq), Timestamps.ToText(e.At), e.Kind, e.Who?.Id ?? "", e.PrevHash, e.Hash)),
            rows.Skip(1).Select(r => (r[0], r[1], r[2], r[9], r[21], r[22])));
        Assert.Equal("feed (P1): unexpected_status", rows[1][7]);
    }

    [Fact]
    public async Task TheTextExportParsesBackIntoTheSameEntriesAsTheLogFieldByField()
    {
        using var response = await GetAsync("/oplog/export?format=text");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = OpLogTextParser.Parse(text);
        OpLogSamples.AssertSame(story.Log, parsed);
        Assert.Equal(OpLogChain.Verify(story.Log).Head, OpLogChain.Verify(parsed).Head);
        Assert.Contains("Mode: LIVE", text, StringComparison.Ordinal);
        Assert.Matches(@"\] OVERRIDE_FORCE_START\n  Mode: LIVE\n", text);
        Assert.Contains("Approved By: risk-manager (Jane Smith), cto (Bob Jones)", text, StringComparison.Ordinal);
        var used = await story.Gate.GetJsonAsync($"/overrides/{story.OverrideId}");
        var overrides = new Dictionary<long, OverrideRecord> { [story.OverrideId] = used.Deserialize<OverrideRecord>(Overrides.LifecycleTests.Json)! };
        Assert.Equal(OpLogText.Render(story.Log, overrides), text);
    }

    [Fact]
    public async Task ThePeriodsPdfShowsTheRunItsVerdictTheApproversAndTheChainHead()
    {
        using var response = await GetAsync("/oplog/export?format=pdf");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = Poppler.Flat(await Poppler.TextAsync(await response.Content.ReadAsByteArrayAsync()));
        AssertStory(text);
    }

    [Fact]
    public async Task TheRunsEvidencePackShowsTheRunItsVerdictTheApproversAndTheChainHead()
    {
        using var response = await GetAsync($"/preflight/runs/{story.RunId}/evidence.pdf");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"healthgate-evidence-{story.RunId}.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var text = Poppler.Flat(await Poppler.TextAsync(await response.Content.ReadAsByteArrayAsync()));
        AssertStory(text);
        Assert.Contains($"Override #{story.OverrideId}", text, StringComparison.Ordinal);
    }

    /// <summary>Minutes after the story's start (empty: not given); the seqs of the entries the period holds.</summary>
    [Theory]
    [InlineData("", "", "1,2,3,4,5,6")]
    [InlineData("5", "15", "2,3")]
    [InlineData("15", "", "4,5,6")]
    [InlineData("", "5", "1")]
    [InlineData("20", "21", "6")]
    [InlineData("21", "", "")]
    public async Task FromAndToNarrowThePeriodFromInclusiveToExclusive(string from, string to, string seqs)
    {
        var query = string.Concat(At("from", from), At("to", to));

        using var csv = await GetAsync($"/oplog/export?format=csv{query}");
        using var text = await GetAsync($"/oplog/export?format=text{query}");

        var expected = seqs.Length == 0 ? [] : seqs.Split(',');
        Assert.Equal(expected, OpLogCsvTests.Read(await csv.Content.ReadAsStringAsync()).Skip(1).Select(r => r[0]));
        OpLogSamples.AssertSame([.. story.Log.Where(e => expected.Contains(Seq(e.Seq)))], OpLogTextParser.Parse(await text.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AnOffsetOrADateOnlyNamesTheSameInstantsAsUtc()
    {
        using var offset = await GetAsync("/oplog/export?format=csv&from=2026-11-22T10:05:00%2B02:00&to=2026-11-22T08:15:00Z");
        using var dates = await GetAsync("/oplog/export?format=csv&from=2026-11-22&to=2026-11-23");

        Assert.Equal("healthgate-oplog-20261122T080500Z-20261122T081500Z.csv", offset.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(["2", "3"], OpLogCsvTests.Read(await offset.Content.ReadAsStringAsync()).Skip(1).Select(r => r[0]));
        Assert.Equal(7, OpLogCsvTests.Read(await dates.Content.ReadAsStringAsync()).Count);
    }

    [Theory]
    [InlineData("format=xlsx", "format must be csv, text or pdf; got 'xlsx'")]
    [InlineData("format=csv&from=yesterday", "from must be an ISO 8601 date or time")]
    [InlineData("format=text&to=2026-13-01", "to must be an ISO 8601 date or time")]
    [InlineData("format=csv&from=11/22/2026", "from must be an ISO 8601 date or time")]
    [InlineData("format=pdf&from=2026-11-22T09:00:00Z&to=2026-11-22T08:00:00Z", "to must be after from")]
    [InlineData("format=csv&from=2026-11-22T08:00:00Z&to=2026-11-22T08:00:00Z", "to must be after from")]
    public async Task ABadPeriodOrFormatIsA400Problem(string query, string detail)
    {
        using var response = await story.Client.GetAsync(new Uri($"/oplog/export?{query}", UriKind.Relative));

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEvidencePackOfAnUnknownRunIsA404Problem()
    {
        using var response = await story.Client.GetAsync(new Uri("/preflight/runs/20261122T080000Z-00000000/evidence.pdf", UriKind.Relative));

        var problem = await IsProblemAsync(response, HttpStatusCode.NotFound);

        Assert.Contains("no preflight run '20261122T080000Z-00000000'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private void AssertStory(string text)
    {
        Assert.Contains(story.RunId, text, StringComparison.Ordinal);
        Assert.Contains("P1_FAIL", text, StringComparison.Ordinal);
        Assert.Contains("Jane Smith", text, StringComparison.Ordinal);
        Assert.Contains("Bob Jones", text, StringComparison.Ordinal);
        Assert.Contains("Olga Ivanova", text, StringComparison.Ordinal);
        Assert.Contains(story.Log[^1].Hash, text, StringComparison.Ordinal);

        // The pack names the desk it is evidence for (Desk:Name) and the configuration the gate ran under.
        Assert.Contains("default (configuration ", text, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        var response = await story.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static string At(string name, string minutes) =>
        minutes.Length == 0 ? "" : $"&{name}={Uri.EscapeDataString(Timestamps.ToText(ExportStory.Start.AddMinutes(int.Parse(minutes, CultureInfo.InvariantCulture))))}";

    private static string Seq(long seq) => seq.ToString(CultureInfo.InvariantCulture);
}
