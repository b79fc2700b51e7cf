using System.Text.Json.Nodes;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>Preflight JSON a test can take apart: a coherent answer as a <see cref="JsonObject"/>, and edits on it.</summary>
internal static class VerdictJson
{
    /// <summary>A coherent GO of <paramref name="checks"/> that started at <paramref name="startedAt"/> and is valid for <paramref name="ttl"/>.</summary>
    public static JsonObject Go(DateTimeOffset startedAt, TimeSpan ttl, params (string Name, string Tier, string Status)[] checks)
    {
        var verdict = Verdicts.Decide(checks.Select(c => (c.Tier, c.Status)));
        var json = JsonNode.Parse(CannedPreflight.Json("live", verdict.Token(), startedAt + ttl, checks))!.AsObject();
        json["startedAt"] = Timestamps.ToText(startedAt);
        return json;
    }

    /// <summary>A coherent live PASS over a P0 and a P1 check, valid for 60 s from <paramref name="startedAt"/>.</summary>
    public static JsonObject Pass(DateTimeOffset startedAt) =>
        Go(startedAt, TimeSpan.FromSeconds(60), ("core", "P0", "Healthy"), ("execution-ready", "P1", "Healthy"));

    public static JsonObject With(this JsonObject json, string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json[name] = value;
        return json;
    }

    public static JsonObject Without(this JsonObject json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.Remove(name);
        return json;
    }

    public static JsonObject Copy(this JsonObject json) => json.DeepClone().AsObject();

    public static string At(DateTimeOffset timestamp) => Timestamps.ToText(timestamp);
}
