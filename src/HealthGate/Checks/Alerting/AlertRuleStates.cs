using System.Text.Json;

namespace HealthGate.Checks.Alerting;

/// <summary>
/// The alerting rules of a Prometheus <c>/api/v1/rules</c> answer, by name, with the states each is in (one name
/// may be loaded in several groups). Only the documented shape is read; any departure is an error, not a guess.
/// </summary>
internal sealed class AlertRuleStates
{
    public const string Firing = "firing";
    public const string Pending = "pending";
    private const string Inactive = "inactive";

    private readonly Dictionary<string, HashSet<string>> _states;

    private AlertRuleStates(Dictionary<string, HashSet<string>> states) => _states = states;

    public int Count => _states.Count;

    public bool IsLoaded(string alert) => _states.ContainsKey(alert);

    public bool IsIn(string alert, string state) => _states.TryGetValue(alert, out var states) && states.Contains(state);

    /// <summary>The alert rules in <paramref name="root"/>, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static AlertRuleStates? Read(JsonElement root, out string error)
    {
        error = "";
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
        {
            error = "the answer has no status string";
            return null;
        }

        if (status.GetString() != "success")
        {
            var detail = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? $": {Shorten(e.GetString()!)}" : "";
            error = $"Prometheus answered status {JsonSerializer.Serialize(status.GetString())}{detail}";
            return null;
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("groups", out var groups) || groups.ValueKind != JsonValueKind.Array)
        {
            error = "the answer has no data.groups array";
            return null;
        }

        var states = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in groups.EnumerateArray())
        {
            if (group.ValueKind != JsonValueKind.Object || !group.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                error = "a rule group has no rules array";
                return null;
            }

            foreach (var rule in rules.EnumerateArray())
            {
                if (!TryReadRule(rule, states, out error))
                {
                    return null;
                }
            }
        }

        return new AlertRuleStates(states);
    }

    private static bool TryReadRule(JsonElement rule, Dictionary<string, HashSet<string>> states, out string error)
    {
        error = "";
        var type = rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "recording")
        {
            // A recording rule of the same name is not an alert: it never notifies anyone.
            return true;
        }

        if (type != "alerting")
        {
            error = $"a rule has type {(type is null ? "none" : JsonSerializer.Serialize(type))}, expected \"alerting\" or \"recording\"";
            return false;
        }

        var name = rule.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var state = rule.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (string.IsNullOrEmpty(name))
        {
            error = "an alerting rule has no name";
            return false;
        }

        if (state is not (Inactive or Pending or Firing))
        {
            error = $"alert {name} has state {(state is null ? "none" : JsonSerializer.Serialize(state))}, expected inactive, pending or firing";
            return false;
        }

        if (!states.TryGetValue(name, out var set))
        {
            states[name] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(state);
        return true;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
