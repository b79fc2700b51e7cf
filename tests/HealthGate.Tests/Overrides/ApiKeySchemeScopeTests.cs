using System.Net;
using HealthGate.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Tests.Overrides;

/// <summary>The ApiKey scheme runs for the override writes only: it is no default, so probes and reads never authenticate.</summary>
public sealed class ApiKeySchemeScopeTests
{
    [Fact]
    public async Task TheApiKeySchemeIsNoDefaultSoOnlyTheOverrideWritesRunIt()
    {
        await using var app = HealthGateApplication.With(("Auth:ApiKeys:ops", "scope-key-7d1"));
        using var client = app.CreateClient();
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/overrides", "/oplog", "/preflight/runs" })
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        foreach (var path in new[] { "/overrides", "/overrides/1/approvals", "/overrides/1/use" })
        {
            using var post = await client.PostAsync(new Uri(path, UriKind.Relative), null);
            Assert.True(post.StatusCode == HttpStatusCode.Unauthorized, $"POST {path} answered {post.StatusCode} without a key");
        }
    }
}
