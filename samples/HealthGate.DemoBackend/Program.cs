namespace HealthGate.DemoBackend;

/// <summary>
/// An explicit Main in this namespace, not top-level statements: ASP.NET Core would generate a public global
/// <c>Program</c> that clashes with HealthGate's in the tests, which reference both.
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        // No appsettings.json ships with this program: beside HealthGate's binaries (the tests copy both) it would clash.
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DeskFaults>();

        var app = builder.Build();
        app.MapBackendApi();
        app.MapFaultsApi();
        app.Run();
    }
}
