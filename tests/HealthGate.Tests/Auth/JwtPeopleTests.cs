using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthGate.Tests.Auth;

/// <summary>
/// Auth:Jwt against a real OIDC stand-in on loopback (discovery document and JWKS) with a key the test owns: a valid
/// token for a configured person authenticates that person; an unknown person, another audience or an expired token
/// is 401.
/// </summary>
public sealed class JwtPeopleTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private const string Audience = "healthgate";
    private static readonly string[] Rs256 = ["RS256"];
    private static readonly string[] Operator = ["operator"];
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly HttpStandIn _idp = fixture.StandIn;

    private string Authority => _idp.Url("/realms/desk");

    private RsaSecurityKey Key => new(_rsa) { KeyId = "test-key-1" };

    public void Dispose() => _rsa.Dispose();

    private HealthGateApplication Gate()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        _idp.Respond("/realms/desk/.well-known/openid-configuration", 200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = Authority + "/jwks",
            ["id_token_signing_alg_values_supported"] = Rs256,
        }));
        _idp.Respond("/realms/desk/jwks", 200, JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = Key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        }));
        return new HealthGateApplication(HealthGateApplication.Flatten(
        [
            ("Auth:People:olga:Name", "Olga Ivanova"),
            ("Auth:People:olga:Roles:0", "operator"),
            ("Auth:People:olga:Roles:1", "risk-manager"),
            ("Auth:People:olga:KeySha256", PeopleValidationTests.Sha("olga-key-1")),
            ("Auth:Jwt:Authority", Authority),
            ("Auth:Jwt:Audience", Audience),
            ("Auth:Jwt:RequireHttpsMetadata", false), // loopback test authority only
        ]))
        { ExtraServices = WhoAmI.Add };
    }

    private string Token(string user, string audience = Audience, DateTime? expires = null, string[]? roles = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            Claims = new Dictionary<string, object> { ["preferred_username"] = user, ["roles"] = roles ?? ["operator", "cto"] },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static async Task<HttpResponseMessage> CallAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WhoAmI.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task AValidTokenForAConfiguredPersonAuthenticatesThemWithTheSharedRoles()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        using var response = await CallAsync(client, Token("olga"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await WhoAmI.ReadAsync(response);
        Assert.Equal(("olga", "person", "Olga Ivanova"), (caller.Id, caller.Kind, caller.Name));
        // The token claims operator and cto; only operator is also configured for olga. risk-manager is configured but not in the token.
        Assert.Equal(["operator"], caller.Roles);
    }

    [Fact]
    public async Task AnUnknownPersonIs401()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        using var response = await CallAsync(client, Token("mallory"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnotherAudienceIs401()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        using var response = await CallAsync(client, Token("olga", audience: "another-service"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIs401()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();

        using var response = await CallAsync(client, Token("olga", expires: DateTime.UtcNow.AddHours(-1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenSignedByAnotherKeyIs401()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();
        using var other = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["preferred_username"] = "olga", ["roles"] = Operator },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(other) { KeyId = "test-key-1" }, SecurityAlgorithms.RsaSha256),
        });

        using var response = await CallAsync(client, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task APersonKeyStillWorksBesideJwt()
    {
        await using var gate = Gate();
        using var client = gate.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, WhoAmI.Path);
        request.Headers.Add("X-Api-Key", "olga-key-1");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["operator", "risk-manager"], (await WhoAmI.ReadAsync(response)).Roles);
    }
}
