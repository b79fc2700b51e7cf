using System.Text.Json.Nodes;

namespace HealthGate.Notify;

/// <summary>
/// Alertmanager API v2: <c>POST {Url}/api/v2/alerts</c> with an array of alerts. A firing alert carries an
/// <c>endsAt</c> two reminder intervals ahead, which each reminder renews (Alertmanager resolves an alert nobody
/// renews); a recovery sets <c>endsAt</c> to the recovery.
/// </summary>
internal static class AlertmanagerFormat
{
    public const string CheckAlert = "HealthGateCheckFailed";
    public const string VerdictAlert = "HealthGateNoGo";
    public const string OverrideAlert = "HealthGateOverrideAwaitingApproval";

    public static HttpRequestMessage Request(NotifyMessage message, NotifyTargetOptions target, TimeSpan reminderInterval)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var labels = new JsonObject { ["alertname"] = AlertName(message), ["desk"] = message.Desk, ["severity"] = message.Severity };
        if (message.Check is { } check)
        {
            labels["check"] = check;
            labels["tier"] = message.Tier;
            labels["type"] = message.Type;
        }
        else
        {
            labels["mode"] = message.Mode;
        }

        if (message.OverrideId is { } id)
        {
            labels["override_id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var endsAt = message.IsResolve ? message.At : message.EndsAt ?? message.At + (2 * reminderInterval);
        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = new JsonObject { ["summary"] = message.Summary, ["description"] = Description(message) },
            ["startsAt"] = message.StartsAt.ToUniversalTime(),
            ["endsAt"] = endsAt.ToUniversalTime(),
        };
        var url = target.EffectiveUrl.TrimEnd('/') + "/api/v2/alerts";
        return NotifyHttp.Json(url, new JsonArray(alert).ToJsonString());
    }

    private static string AlertName(NotifyMessage message) => message.Subject switch
    {
        NotifyMessage.CheckSubject => CheckAlert,
        NotifyMessage.VerdictSubject => VerdictAlert,
        _ => OverrideAlert,
    };

    private static string Description(NotifyMessage message) =>
        string.Join(" ", new[]
        {
            message.Description,
            message.Blocked.Count > 0 ? $"Blocked by it: {string.Join(", ", message.Blocked)}." : "",
            message.Failing.Count > 0 ? $"Failing: {string.Join(", ", message.Failing)}." : "",
            message.Source is { } source ? $"Seen in {source}." : "",
        }.Where(s => s.Length > 0));
}
