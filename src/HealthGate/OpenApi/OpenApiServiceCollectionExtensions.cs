using Microsoft.OpenApi;

namespace HealthGate.OpenApi;

internal static class OpenApiServiceCollectionExtensions
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Health"] = "Kubernetes probes: liveness, readiness from the background run, and the gate's own ability to give verdicts.",
        ["Preflight"] = "The launcher's go/no-go verdict for a mode, run now.",
        ["Metrics"] = "The Prometheus exposition.",
        ["History"] = "Past preflight runs, as JSON and as Markdown reports.",
        ["Overrides"] = "Force-starts and skips, recorded in the operational log with their approvers.",
        ["Checks"] = "The configured checks with their latest results and recent history.",
        ["Dashboard"] = "The operator page, its files and its live event stream.",
    };

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
                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                {
                    tag.Description ??= tag.Name is { } name && Tags.TryGetValue(name, out var description) ? description : null;
                }

                // The server is the request's own base address; OpenAPI wants it without the trailing slash.
                foreach (var server in document.Servers ?? [])
                {
                    server.Url = server.Url?.TrimEnd('/');
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<ApiKeySecurityTransformer>();
            options.AddOperationTransformer<ApiKeySecurityTransformer>();
            options.AddSchemaTransformer<ResponseSchemaTransformer>();
        });
    }
}
