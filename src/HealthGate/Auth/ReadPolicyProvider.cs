using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

/// <summary>
/// The <see cref="ReadPolicy"/> of the read endpoints (run history, the override log, the check views): open by
/// default, an API key when <c>Auth:RequireKeyForReads</c> is true. Decided once from the options, so an open read
/// costs no authentication. The probes and <c>/metrics</c> never carry it.
/// </summary>
internal sealed class ReadPolicyProvider(IOptions<AuthorizationOptions> authorization, IOptions<AuthOptions> auth)
    : DefaultAuthorizationPolicyProvider(authorization)
{
    public const string ReadPolicy = "Read";

    private readonly AuthorizationPolicy _read = auth.Value.RequireKeyForReads
        ? new AuthorizationPolicyBuilder(JwtPeople.SchemeName).RequireAuthenticatedUser().Build()
        : new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        policyName == ReadPolicy ? Task.FromResult<AuthorizationPolicy?>(_read) : base.GetPolicyAsync(policyName);
}
