using System.Text.Json.Nodes;

namespace HealthGate.Notify;

/// <summary>
/// PagerDuty Events API v2: <c>trigger</c> (a reminder triggers again, which PagerDuty folds into the open incident)
/// then <c>resolve</c>, under <c>dedup_key</c> <c>healthgate/{desk}/{check}</c>.
/// </summary>
internal static class PagerDutyFormat
{
    /// <summary>PagerDuty refuses a summary longer than this.</summary>
    private const int MaxSummary = 1024;

    public static HttpRequestMessage Request(NotifyMessage message, NotifyTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var body = new JsonObject
        {
            ["routing_key"] = target.RoutingKey,
            ["event_action"] = message.IsResolve ? "resolve" : "trigger",
            ["dedup_key"] = message.IncidentKey,
        };
        if (!message.IsResolve)
        {
            body["payload"] = new JsonObject
            {
                ["summary"] = message.Summary.Length > MaxSummary ? message.Summary[..MaxSummary] : message.Summary,
                ["source"] = $"healthgate/{message.Desk}",
                ["severity"] = message.Severity,
                ["component"] = message.Check ?? message.Mode,
                ["group"] = message.Desk,
                ["class"] = message.Subject,
                ["timestamp"] = message.StartsAt.ToUniversalTime(),
                ["custom_details"] = JsonNode.Parse(Storage.StoreValues.ToJson(message)),
            };
        }

        body["client"] = "HealthGate";
        return NotifyHttp.Json(target.EffectiveUrl, body.ToJsonString());
    }
}
