using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Bench.Peers;

/// <summary>
/// The conventional stack on the same dependencies as the service's benchmark desk: Xabaril's NpgSql, Redis and Uris
/// checks, <c>MapHealthChecks</c> with HealthChecks UI's writer, the checks run on every probe. <c>/health/ready</c>
/// runs the P0 three (postgres, redis, risk), <c>/health/all</c> the eight the live preflight runs.
/// </summary>
internal static class ConventionalPeer
{
    private const string Ready = "ready";

    public static async Task RunAsync(string[] args)
    {
        // The default template's host, with its appsettings' levels (Microsoft.AspNetCore at Warning).
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var postgres = Required(builder.Configuration, "postgres");
        var redis = Required(builder.Configuration, "redis");
        var backend = new Uri(Required(builder.Configuration, "backend"));
        var disk = Required(builder.Configuration, "disk");

        builder.Services.AddHealthChecks()
            .AddNpgSql(postgres, name: "postgres", tags: [Ready])
            .AddRedis(redis, name: "redis", tags: [Ready])
            .AddUrlGroup(new Uri(backend, "/risk/state"), name: "risk", tags: [Ready])
            .AddUrlGroup([new Uri(backend, "/api/v3/ping"), new Uri(backend, "/api/v3/time")], name: "exchange")
            .AddUrlGroup(new Uri(backend, "/metrics"), name: "backend-metrics")
            .AddUrlGroup(new Uri(backend, "/stress/scenarios"), name: "stress-scenarios")
            .AddUrlGroup(new Uri(backend, "/health/ready"), name: "execution-ready")
            .AddCheck("reports-disk", () => new DriveInfo(disk).AvailableFreeSpace > 100L * 1024 * 1024
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("low disk"));

        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        });
        app.MapHealthChecks("/health/all", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
        await app.RunAsync();
    }

    private static string Required(ConfigurationManager configuration, string key) =>
        configuration[key] ?? throw new InvalidOperationException($"--{key} is required");
}
