using System.Text.Json.Nodes;

namespace HealthGate.Notify;

/// <summary>A Slack incoming webhook: <c>text</c> (the notification's fallback) and Block Kit <c>blocks</c>.</summary>
internal static class SlackFormat
{
    public static HttpRequestMessage Request(NotifyMessage message, NotifyTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var headline = message.Action switch
        {
            NotifyMessage.Resolve => ":white_check_mark: RESOLVED",
            NotifyMessage.Reminder => ":rotating_light: STILL OPEN",
            _ => ":rotating_light: FIRING",
        };
        var text = $"{headline} {message.Summary}";
        var context = $"desk *{message.Desk}* · severity *{message.Severity}* · since {message.StartsAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z · key `{message.IncidentKey}`";
        var blocks = new JsonArray(
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } },
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = context }) });
        if (message.Description.Length > 0)
        {
            blocks.Insert(1, new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = message.Description } });
        }

        return NotifyHttp.Json(target.EffectiveUrl, new JsonObject { ["text"] = text, ["blocks"] = blocks }.ToJsonString());
    }
}
