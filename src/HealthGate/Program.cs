using HealthGate.Acknowledgements;
using HealthGate.Admission;
using HealthGate.Audit;
using HealthGate.Auth;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.ConfigView;
using HealthGate.Dashboard;
using HealthGate.Desks;
using HealthGate.Health;
using HealthGate.History;
using HealthGate.Http;
using HealthGate.Leadership;
using HealthGate.Logging;
using HealthGate.Metrics;
using HealthGate.Notify;
using HealthGate.OpenApi;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Replication;
using HealthGate.Storage;
using HealthGate.Transitions;

HealthGate.Contracts.InvariantCulture.Pin();
WebApplication app;
try
{
    // The content root is the binary's folder, so appsettings.json is found whatever the working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddConfigFileArgument(args);
    builder.WebHost.UseHealthGateKestrelLimits();
    builder.WebHost.UseRenewedDefaultCertificate();
    builder.Services.AddHealthGateSerilog();

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddProblemDetails();
    builder.Services.AddHealthGateJson();
    builder.Services.AddHealthGateConfiguration();
    builder.Services.AddHealthGateChecks();
    builder.Services.AddHealthGateTransitions();
    builder.Services.AddHealthGateReadiness();
    builder.Services.AddReadinessLeadership();
    builder.Services.AddHealthGatePreflight();
    builder.Services.AddHealthGateMetrics();
    builder.Services.AddHealthGateOpenApi();
    builder.Services.AddHealthGateDesk();
    builder.Services.AddHealthGateStorage();
    builder.Services.AddHealthGateAuth();
    builder.Services.AddHealthGateOverrides();
    builder.Services.AddHealthGateAcknowledgements();
    builder.Services.AddHealthGateAudit();
    builder.Services.AddHealthGateDashboard();
    builder.Services.AddHealthGateReplication();
    builder.Services.AddHealthGateConfigView();
    builder.Services.AddHealthGateAdmission();
    builder.Services.AddHealthGateNotify();

    app = builder.Build();
    app.Services.ValidateHealthGateConfiguration();
    app.Services.LogHealthGateConfiguration();
    await app.Services.PrepareHealthGateStoreAsync();
    app.UseHealthGateRequestLogging(); // outermost: it logs the status the client got, after the exception handler
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();

    app.MapHealthApi();
    app.MapPreflightApi();
    app.MapMetricsApi();
    app.MapOpenApi();
    app.MapHealthGateApiReference();
    app.MapHistoryApi();
    app.MapOverridesApi();
    app.MapAcknowledgementsApi();
    app.MapOpLogApi();
    app.MapOpLogExportApi();
    app.MapChecksApi();
    app.MapDashboardApi();
    app.MapConfigViewApi();
    app.MapAdmissionApi();

    await app.StartAsync();
}
catch (Exception ex)
{
    // Every failure before the service serves is one short report, never a stack trace.
    return StartupFailure.Report(ex, Console.Error);
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;

/// <summary>The entry point, public so integration tests can host the service.</summary>
public partial class Program;
