using System.Text.Json.Nodes;
using HealthChecks.UI.Core;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthGate.OpenApi;

/// <summary>
/// Describes values as the service writes them. The web JSON defaults accept numbers as strings when reading, so
/// the generator types every number as number-or-string; the responses only ever hold numbers.
/// </summary>
internal sealed class ResponseSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        // Timestamps go through a custom converter, which leaves the generator without a type for them.
        if (schema.Type is null && schema.Format == "date-time")
        {
            schema.Type = JsonSchemaType.String;
        }

        // HealthChecks UI's writer names the readiness status with its own enum converter, which the generator cannot see.
        if (context.JsonTypeInfo.Type == typeof(UIHealthStatus))
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames<UIHealthStatus>().Select(name => (JsonNode)name)];
        }

        return Task.CompletedTask;
    }
}
