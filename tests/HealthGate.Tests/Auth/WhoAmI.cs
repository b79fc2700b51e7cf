using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using HealthGate.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Tests.Auth;

/// <summary>
/// A test-only <c>GET /test/whoami</c> that authenticates through the gate's <c>HealthGate</c> policy scheme and
/// answers the caller's claims; no production endpoint exposes the caller yet.
/// </summary>
internal sealed class WhoAmI : IStartupFilter
{
    public const string Path = "/test/whoami";

    public static void Add(IServiceCollection services) => services.AddSingleton<IStartupFilter, WhoAmI>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path != Path)
            {
                await nextMiddleware(context);
                return;
            }

            var result = await context.AuthenticateAsync(JwtPeople.SchemeName);
            if (!result.Succeeded)
            {
                await context.ChallengeAsync(JwtPeople.SchemeName);
                return;
            }

            var user = result.Principal;
            await context.Response.WriteAsJsonAsync(new Caller(
                user.FindFirstValue(ClaimTypes.NameIdentifier),
                user.FindFirstValue(ApiKeyAuthenticator.KindClaim),
                user.Identity?.Name,
                [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
                [.. user.Claims.Where(c => c.Type == ClaimTypes.Role).Select(c => user.IsInRole(c.Value))]));
        });
        next(app);
    };

    public static async Task<Caller> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Caller>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    public sealed record Caller(string? Id, string? Kind, string? Name, string[] Roles, bool[] IsInRole);
}
