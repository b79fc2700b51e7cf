using System.Net;
using System.Text.RegularExpressions;
using HealthGate.Contracts;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Dashboard;

/// <summary>/ui and its files as HTTP answers: both spellings of the page, its script and style, nothing else.</summary>
public sealed class DashboardPageTests
{
    [Theory]
    [InlineData("/ui")]
    [InlineData("/ui/")]
    public async Task ThePageIsServedWithAPolicyThatAllowsOnlyItsOwnFiles(string path)
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<main", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/ui/app.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/app.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    public async Task ThePagesFilesAreServedWithTheirTypes(string path, string mediaType)
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/ui/missing.js")]
    [InlineData("/ui/..%2Fappsettings.json")]
    [InlineData("/ui/.hidden.js")]
    [InlineData("/ui/APP.JS")]
    public async Task AnythingElseUnderUiIsA404(string path)
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void ThePagesFilesAreCopiedBesideTheBinary()
    {
        var folder = Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "wwwroot", "ui");

        Assert.Equal(["app.css", "app.js", "index.html"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheOpLogKindFilterOffersEveryKindTheLogRecords()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri("/ui", UriKind.Relative));
        var select = Regex.Match(html, "<select id=\"oplog-kind\">(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        var values = Regex.Matches(select, "<option value=\"([^\"]*)\">").Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(["", .. OpLogEvents.All], values);
    }

    [Fact]
    public void ThePageBuildsItsDomFromTextNeverFromMarkup()
    {
        var script = File.ReadAllText(Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "wwwroot", "ui", "app.js"));

        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }
}
