using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Testing;

/// <summary>
/// The service in-process with exactly the given configuration: appsettings.json is dropped so that its
/// sample checks do not join the test's.
/// </summary>
public sealed class HealthGateApplication(IDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>Extra services, e.g. health checks registered in code, as a user of the service would add them.</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    /// <summary>Each application gets its own SQLite store unless the test names one, so tests never share history.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"healthgate-test-{Guid.NewGuid():N}");

    /// <summary>The one check of a test that configures none: a P0 disk check that is always Healthy.</summary>
    public static Dictionary<string, string?> BaselineCheck { get; } = new()
    {
        ["HealthGate:Checks:baseline-disk:Type"] = "disk",
        ["HealthGate:Checks:baseline-disk:Tier"] = "P0",
        ["HealthGate:Checks:baseline-disk:Path"] = Path.GetTempPath(),
        ["HealthGate:Checks:baseline-disk:MinFreeMb"] = "1",
    };

    private static bool HasP0Check(IDictionary<string, string?> settings) => settings.Any(s =>
        s.Key.StartsWith("HealthGate:Checks:", StringComparison.OrdinalIgnoreCase)
        && s.Key.EndsWith(":Tier", StringComparison.OrdinalIgnoreCase)
        && string.Equals(s.Value, "P0", StringComparison.OrdinalIgnoreCase));

    /// <summary>Settings under <c>HealthGate:</c> from a flat list of (key, value), for readable tests.</summary>
    public static HealthGateApplication With(params (string Key, object? Value)[] settings) => new(Flatten(settings));

    public static Dictionary<string, string?> Flatten(IEnumerable<(string Key, object? Value)> settings) =>
        settings.ToDictionary(s => "HealthGate:" + s.Key, s => s.Value switch
        {
            null => null,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => s.Value.ToString(),
        });

    /// <summary>
    /// Serves on a real loopback port (Kestrel instead of the in-memory test server) and returns its URL, for a
    /// client that only takes a URL, such as the healthgate CLI.
    /// </summary>
    public string ServeOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            config.Sources.Clear();
            config.AddInMemoryCollection(new Dictionary<string, string?> { ["HealthGate:Storage:ConnectionString"] = $"Data Source={Path.Combine(DataDirectory, "healthgate.db")}" });
            config.AddInMemoryCollection(settings);
            if (!HasP0Check(settings))
            {
                // A mode or readiness set that selects nothing refuses to start; a test about other checks gets one healthy P0 check.
                config.AddInMemoryCollection(BaselineCheck);
            }
        });
        if (ExtraServices is not null)
        {
            builder.ConfigureServices(ExtraServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
