using Microsoft.OpenApi;

namespace HealthGate.OpenApi;

internal static class OpenApiServiceCollectionExtensions
{
    /// <summary>The <c>/openapi/v1.json</c> document: every mapped endpoint, with response schemas as the service writes them.</summary>
    public static IServiceCollection AddHealthGateOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "HealthGate",
                    Version = "v1",
                    Description = "The go/no-go health and preflight gate in front of the trading system. If it doesn't pass, it doesn't trade.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer<ResponseSchemaTransformer>();
        });
    }
}
