using HealthGate.DemoBackend;

// No appsettings.json ships with this program: beside HealthGate's binaries (the tests copy both) it would clash.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<DeskFaults>();

var app = builder.Build();
app.MapBackendApi();
app.MapFaultsApi();
app.Run();
