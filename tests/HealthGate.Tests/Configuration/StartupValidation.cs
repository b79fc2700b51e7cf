using HealthGate.Auth;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Health;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthGate.Tests.Configuration;

/// <summary>Start-up validation run over the service's own registrations, for the configuration tests of every feature.</summary>
internal static class StartupValidation
{
    /// <summary>
    /// Resolves the validated options from the service's own registrations, as start-up does. (The in-process host
    /// cannot be used here: the service reports a bad configuration and exits, which is what the process tests check.)
    /// </summary>
    internal static List<string> StartupFailures(IEnumerable<(string Key, object? Value)> settings, Action<IServiceCollection>? extra = null)
    {
        var failures = Failures(settings, extra);
        Assert.NotEmpty(failures);
        return failures;
    }

    /// <summary>The start-up validation's failures; empty when the configuration is accepted.</summary>
    internal static List<string> Failures(IEnumerable<(string Key, object? Value)> settings, Action<IServiceCollection>? extra = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(HealthGateApplication.Flatten(settings)).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSingleton(TimeProvider.System).AddHealthGateConfiguration().AddHealthGateChecks()
            .AddHealthGateReadiness().AddHealthGatePreflight().AddHealthGateStorage().AddHealthGateAuth().AddHealthGateOverrides();
        extra?.Invoke(services);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.ValidateHealthGateConfiguration();
            return [];
        }
        catch (Exception exception)
        {
            var all = exception is AggregateException aggregate ? aggregate.InnerExceptions : [exception];
            List<string> failures = [.. all.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
            if (failures.Count == 0)
            {
                throw;
            }

            return failures;
        }
    }
}
