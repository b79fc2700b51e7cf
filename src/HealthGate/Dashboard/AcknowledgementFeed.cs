using System.Text.Json;
using HealthGate.Acknowledgements;
using HealthGate.Contracts;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HealthGate.Dashboard;

/// <summary>Tells the open event streams of an acknowledgement made here (after it is durable), so an open page shows it at once.</summary>
internal sealed class AcknowledgementFeed(DashboardEvents events, IOptions<JsonOptions> json) : IAcknowledgementObserver
{
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public Task OnAcknowledgedAsync(AcknowledgementRecord acknowledgement, CancellationToken cancellationToken)
    {
        events.Publish(new DashboardEvent(DashboardEvent.Acknowledgement, JsonSerializer.Serialize(CheckAcknowledged.Of(acknowledgement), _json)));
        return Task.CompletedTask;
    }
}
