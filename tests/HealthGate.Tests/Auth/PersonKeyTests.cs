using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using static HealthGate.Tests.Auth.PeopleValidationTests;

namespace HealthGate.Tests.Auth;

/// <summary>A person's own key authenticates that person with their roles; a service key stays a service with none.</summary>
public sealed class PersonKeyTests
{
    private const string OlgaKey = "olga-key-3c9e1f0a";
    private const string LauncherKey = "launcher-key-b61d";

    private static HealthGateApplication Gate() => new(HealthGateApplication.Flatten(
    [
        ("Auth:People:olga:Name", "Olga Ivanova"),
        ("Auth:People:olga:Roles:0", "operator"),
        ("Auth:People:olga:Roles:1", "risk-manager"),
        ("Auth:People:olga:KeySha256", Sha(OlgaKey)),
        ("Auth:People:jane:Name", "Jane Smith"),
        ("Auth:People:jane:Roles:0", "cto"),
        ("Auth:People:jane:KeySha256", Sha("jane-key-77aa").ToUpperInvariant()),
        ("Auth:ApiKeys:launcher-prod", LauncherKey),
    ]))
    { ExtraServices = WhoAmI.Add };

    private static async Task<HttpResponseMessage> CallAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WhoAmI.Path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task APersonKeyAuthenticatesThePersonWithTheirRoles()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await CallAsync(client, OlgaKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await WhoAmI.ReadAsync(response);
        Assert.Equal(("olga", "person", "Olga Ivanova"), (caller.Id, caller.Kind, caller.Name));
        Assert.Equal(["operator", "risk-manager"], caller.Roles);
        Assert.All(caller.IsInRole, Assert.True);
    }

    [Fact]
    public async Task AnUpperCaseHashMatchesToo()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        var caller = await WhoAmI.ReadAsync(await CallAsync(client, "jane-key-77aa"));

        Assert.Equal(("jane", "person"), (caller.Id, caller.Kind));
        Assert.Equal(["cto"], caller.Roles);
    }

    [Fact]
    public async Task AServiceKeyIsAServiceWithNoRoles()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        var caller = await WhoAmI.ReadAsync(await CallAsync(client, LauncherKey));

        Assert.Equal(("launcher-prod", "service", "launcher-prod"), (caller.Id, caller.Kind, caller.Name));
        Assert.Empty(caller.Roles);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("olga-key-3c9e1f0b")]
    public async Task AnyOtherKeyIs401(string? key)
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        using var response = await CallAsync(client, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheKeyHashItselfIsNoKey()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        using var response = await CallAsync(client, Sha(OlgaKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ABearerHeaderWithoutJwtConfiguredFallsToTheKeyAndIs401()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, WhoAmI.Path);
        request.Headers.Authorization = new("Bearer", "not-a-token");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
