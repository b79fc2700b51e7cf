using HealthGate.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthGate.OpenApi;

/// <summary>
/// Declares the <c>ApiKey</c> scheme (<c>X-Api-Key</c>) and, per operation, what its authorization policy does on
/// this gate: a policy that refuses anonymous callers through the scheme gets the requirement and its 401 problem;
/// every other operation says explicitly that it needs no credential. Asked of the policy provider, not of policy
/// names, so the read endpoints are described as <c>Auth:RequireKeyForReads</c> configures them.
/// </summary>
internal sealed class ApiKeySecurityTransformer(IAuthorizationPolicyProvider policies) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeId = ApiKeyAuthenticationHandler.SchemeName;

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
            Description = "A key of HealthGate:Auth:ApiKeys. Recording an override always needs one; the read endpoints need one when HealthGate:Auth:RequireKeyForReads is true.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!await NeedsApiKeyAsync(context.Description.ActionDescriptor.EndpointMetadata))
        {
            operation.Security = [];
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        operation.Responses ??= [];
        operation.Responses[StatusCodes.Status401Unauthorized.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = $"No {ApiKeyAuthenticator.HeaderName} header, a key that is not configured, or no key configured on this gate at all.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = await ProblemSchemaAsync(context, cancellationToken) },
            },
        };
    }

    private async Task<bool> NeedsApiKeyAsync(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return false;
        }

        foreach (var policyName in metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>())
        {
            if (await policies.GetPolicyAsync(policyName) is { } policy
                && policy.AuthenticationSchemes.Contains(SchemeId)
                && policy.Requirements.OfType<DenyAnonymousAuthorizationRequirement>().Any())
            {
                return true;
            }
        }

        return false;
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
