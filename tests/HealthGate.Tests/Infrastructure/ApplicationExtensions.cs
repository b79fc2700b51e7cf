using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthGate.Tests.Infrastructure;

/// <summary>Test-only additions to a hosted service: captured logs, health checks registered in code.</summary>
public static class ApplicationExtensions
{
    public static WebApplicationFactory<Program> CapturingLogs(this WebApplicationFactory<Program> app, CapturingLoggerProvider logs) =>
        app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));

    public static WebApplicationFactory<Program> WithServices(this WebApplicationFactory<Program> app, Action<IServiceCollection> configure) =>
        app.WithWebHostBuilder(builder => builder.ConfigureServices(configure));
}
