using HealthGate.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace HealthGate.OpenApi;

/// <summary>
/// Declares the <c>ApiKey</c> scheme (<c>X-Api-Key</c>), and <c>Bearer</c> when <c>Auth:Jwt</c> is configured, and, per
/// operation, what its authorization policy does on this gate: a policy that refuses anonymous callers through the
/// API key (directly, or through <see cref="JwtPeople.SchemeName"/>, which takes a key or a person's token) gets the
/// requirement and its 401 problem; every other operation says explicitly that it needs no credential. Asked of the
/// policy provider, not of policy names, so the read endpoints are described as <c>Auth:RequireKeyForReads</c>
/// configures them.
/// </summary>
internal sealed class ApiKeySecurityTransformer(IAuthorizationPolicyProvider policies, IOptions<AuthOptions> auth) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeId = ApiKeyAuthenticationHandler.SchemeName;

    public const string BearerSchemeId = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticator.HeaderName,
            Description = "A service key of HealthGate:Auth:ApiKeys or a person's own key (HealthGate:Auth:People). The override endpoints always need one; the read endpoints need one when HealthGate:Auth:RequireKeyForReads is true.",
        };
        if (auth.Value.Jwt.IsConfigured)
        {
            document.Components.SecuritySchemes[BearerSchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A person's token from HealthGate:Auth:Jwt:Authority, instead of their key, on the override endpoints.",
            };
        }

        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var credential = await CredentialAsync(context.Description.ActionDescriptor.EndpointMetadata);
        if (credential is Credential.None)
        {
            operation.Security = [];
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        if (credential is Credential.KeyOrToken && auth.Value.Jwt.IsConfigured)
        {
            // Either one: a key or a bearer token (two requirements are alternatives in OpenAPI).
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeId, context.Document)] = [] });
        }

        operation.Responses ??= [];
        operation.Responses[StatusCodes.Status401Unauthorized.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = $"No credential ({ApiKeyAuthenticator.HeaderName} header, or a bearer token where one is accepted), one this gate does not know, or no key configured on this gate at all.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = await ProblemSchemaAsync(context, cancellationToken) },
            },
        };
    }

    private async Task<Credential> CredentialAsync(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Credential.None;
        }

        foreach (var policyName in metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>())
        {
            if (await policies.GetPolicyAsync(policyName) is not { } policy
                || !policy.Requirements.OfType<DenyAnonymousAuthorizationRequirement>().Any())
            {
                continue;
            }

            if (policy.AuthenticationSchemes.Contains(JwtPeople.SchemeName))
            {
                return Credential.KeyOrToken;
            }

            if (policy.AuthenticationSchemes.Contains(SchemeId))
            {
                return Credential.Key;
            }
        }

        return Credential.None;
    }

    private enum Credential
    {
        None,
        Key,
        KeyOrToken,
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        const string Id = nameof(ProblemDetails);
        if (context.Document is not { } document)
        {
            return await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        }

        if (document.Components?.Schemas?.ContainsKey(Id) != true)
        {
            document.AddComponent(Id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }

        return new OpenApiSchemaReference(Id, document);
    }
}
