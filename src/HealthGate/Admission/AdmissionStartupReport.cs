using Microsoft.Extensions.Options;

namespace HealthGate.Admission;

/// <summary>Says at start, once, when the admission webhook is in audit mode: it allows everything, so nobody should forget it is.</summary>
internal sealed class AdmissionStartupReport(IOptions<AdmissionOptions> options, ILogger<AdmissionStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enforce)
        {
            AdmissionLog.AuditMode(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
