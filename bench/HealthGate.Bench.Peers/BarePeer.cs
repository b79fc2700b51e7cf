namespace HealthGate.Bench.Peers;

/// <summary>
/// The bare limit: Kestrel and a minimal API with nothing else, serving the service's liveness body the way the
/// service does (a typed JSON result) and a readiness body of the same shape from a constant (the bytes of the
/// file <c>--ready-body</c>, which the bench script captures from the service).
/// </summary>
internal static class BarePeer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var readyFile = builder.Configuration["ready-body"] ?? throw new InvalidOperationException("--ready-body FILE is required");
        var ready = await File.ReadAllBytesAsync(readyFile);

        var app = builder.Build();
        app.MapGet("/health/live", () => TypedResults.Ok(new LiveBody("Healthy")));
        app.MapGet("/health/ready", () => TypedResults.Bytes(ready, "application/json"));
        await app.RunAsync();
    }

    internal sealed record LiveBody(string Status);
}
