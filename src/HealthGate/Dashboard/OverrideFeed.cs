using System.Text.Json;
using HealthGate.Contracts;
using HealthGate.Overrides;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HealthGate.Dashboard;

/// <summary>
/// Tells the open event streams of every override change (after it is durable), so an open page shows a request or an
/// approval at once instead of at its next poll. Only ids and tokens: the page reads the rest from <c>/overrides</c>.
/// </summary>
internal sealed class OverrideFeed(DashboardEvents events, IOptions<JsonOptions> json) : IOverrideObserver
{
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public Task OnOverrideChangedAsync(OverrideRecord current, OpLogRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(entry);
        var data = new OverrideChanged(current.Id, current.State, entry.Kind);
        events.Publish(new DashboardEvent(DashboardEvent.Override, JsonSerializer.Serialize(data, _json)));
        return Task.CompletedTask;
    }
}
