using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.LifecycleTests;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// Approving with a bearer token from the desk's OIDC authority (a discovery document and JWKS on a loopback stand-in,
/// signed with a key the test owns): the token proves a configured person, the approval is theirs, and the token's
/// roles only narrow what the configuration gives them. A token that proves nothing is a 401 and changes nothing.
/// </summary>
public sealed class BearerApprovalTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private const string Audience = "healthgate";
    private static readonly string[] Rs256 = ["RS256"];
    private static readonly string[] RiskManager = ["risk-manager"];
    private static readonly string[] Cto = ["cto"];

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly HttpStandIn _standIn = fixture.StandIn;
    private readonly string _realm = "/realms/" + Guid.NewGuid().ToString("N");

    private string Authority => _standIn.Url(_realm);

    private RsaSecurityKey Key => new(_rsa) { KeyId = "desk-key-1" };

    public void Dispose() => _rsa.Dispose();

    [Fact]
    public async Task PeopleApproveWithTheirOwnTokensAndEachApprovalIsRecordedUnderTheirId()
    {
        await using var gate = Gate();
        var id = await RequestedAsync(gate);

        var half = await OkAsync(await DecideAsync(gate, id, Token("jane", roles: RiskManager)));
        var approved = await OkAsync(await DecideAsync(gate, id, Token("bob", roles: Cto)));

        Assert.Equal([("jane", "risk-manager")], Approvals(half));
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal([("jane", "risk-manager"), ("bob", "cto")], Approvals(approved));
        var jane = approved.GetProperty("approvals")[0].GetProperty("person");
        Assert.Equal(("jane", "Jane Smith", "person"), (jane.GetProperty("id").GetString(), jane.GetProperty("name").GetString(), jane.GetProperty("kind").GetString()));
        var decided = (await OpLogReader.ReadAllAsync(gate.Client, OpLogEvents.OverrideDecided)).Where(e => e.OverrideId == id).ToArray();
        Assert.Equal([new Actor("jane", "Jane Smith", Actor.Person), new Actor("bob", "Bob Jones", Actor.Person)], decided.Select(e => e.Who!));
        Assert.Equal(["risk-manager", "cto"], decided.Select(e => e.Role));
    }

    [Theory]
    [InlineData("bob", "operator")] // configured cto; the token says operator only
    [InlineData("jane", "cto")]     // the token claims a role the configuration never gave her
    public async Task ATokenWhoseRolesLackANeededRoleTheConfigurationGivesIs403(string person, string tokenRole)
    {
        await using var gate = Gate();
        var id = await RequestedAsync(gate);

        var problem = await IsProblemAsync(await DecideAsync(gate, id, Token(person, roles: [tokenRole])), HttpStatusCode.Forbidden);

        Assert.Contains("holds no role", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(gate, id);
    }

    public static TheoryData<string> RefusedTokens => ["expired", "another-audience", "unsigned", "signed-by-another-key", "unknown-person", "another-issuer"];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task ATokenThatProvesNobodyIs401OnTheApprovalsEndpointAndChangesNothing(string row)
    {
        await using var gate = Gate();
        var id = await RequestedAsync(gate);
        var token = row switch
        {
            "expired" => Token("jane", roles: RiskManager, expires: DateTime.UtcNow.AddHours(-1)),
            "another-audience" => Token("jane", roles: RiskManager, audience: "another-service"),
            "unsigned" => Token("jane", roles: RiskManager, signed: false),
            "signed-by-another-key" => Forged("jane"),
            "unknown-person" => Token("mallory", roles: RiskManager),
            "another-issuer" => Token("jane", roles: RiskManager, issuer: _standIn.Url("/realms/elsewhere")),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        };

        using var response = await DecideAsync(gate, id, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertUnchangedAsync(gate, id);
    }

    [Fact]
    public async Task PersonKeysStillApproveBesideTokens()
    {
        await using var gate = Gate();
        var id = await RequestedAsync(gate);

        await OkAsync(await DecideAsync(gate, id, Token("jane", roles: RiskManager)));
        var approved = await OkAsync(await gate.DecideAsync(id, "approve", "bob"));

        Assert.Equal([("jane", "risk-manager"), ("bob", "cto")], Approvals(approved));
    }

    private GateScenario Gate()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        _standIn.Respond(_realm + "/.well-known/openid-configuration", 200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = Authority + "/jwks",
            ["id_token_signing_alg_values_supported"] = Rs256,
        }));
        _standIn.Respond(_realm + "/jwks", 200, JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = Key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        }));
        return WithPeople(
            _standIn,
            ("Auth:Jwt:Authority", Authority),
            ("Auth:Jwt:Audience", Audience),
            ("Auth:Jwt:RequireHttpsMetadata", false)); // loopback test authority only
    }

    private static async Task<long> RequestedAsync(GateScenario gate) =>
        (await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", await gate.RunAsync("P1_FAIL")), "olga"))).GetProperty("id").GetInt64();

    private static async Task<HttpResponseMessage> DecideAsync(GateScenario gate, long id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/overrides/{id}/approvals") { Content = JsonContent.Create(new { decision = "approve" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gate.Client.SendAsync(request);
    }

    private static async Task AssertUnchangedAsync(GateScenario gate, long id)
    {
        var current = await gate.GetJsonAsync($"/overrides/{id}");
        Assert.Equal("pending", current.GetProperty("state").GetString());
        Assert.Empty(current.GetProperty("approvals").EnumerateArray());
        Assert.DoesNotContain(await OpLogReader.ReadAllAsync(gate.Client), e => e.OverrideId == id && e.Kind != OpLogEvents.OverrideRequested);
    }

    private string Token(string user, string[] roles, string audience = Audience, DateTime? expires = null, bool signed = true, string? issuer = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            Claims = new Dictionary<string, object> { ["preferred_username"] = user, ["roles"] = roles },
            SigningCredentials = signed ? new SigningCredentials(Key, SecurityAlgorithms.RsaSha256) : null,
        });
    }

    /// <summary>A token with the desk key's id, signed by another key.</summary>
    private string Forged(string user)
    {
        using var other = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["preferred_username"] = user, ["roles"] = RiskManager },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(other) { KeyId = Key.KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }
}
