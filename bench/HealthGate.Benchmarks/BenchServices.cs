using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace HealthGate.Benchmarks;

/// <summary>The service's own registrations over an empty configuration, with the given checks added in code.</summary>
internal static class BenchServices
{
    public static ServiceProvider Create(IEnumerable<(string Name, IHealthCheck Check)> checks, Action<IServiceCollection>? register = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System).AddHealthGateJson().AddHealthGateConfiguration().AddHealthGateChecks();
        var builder = services.AddHealthChecks();
        foreach (var (name, check) in checks)
        {
            builder.AddCheck(name, check, tags: ["P0", "bench"]);
        }

        register?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary><paramref name="count"/> instant P0 checks named <c>instant-0</c>, <c>instant-1</c>, ...</summary>
    public static IEnumerable<(string Name, IHealthCheck Check)> InstantChecks(int count) =>
        Enumerable.Range(0, count).Select(i => ($"instant-{i}", (IHealthCheck)new InstantCheck()));
}
