using System.Text.Json;

namespace HealthGate.Checks.Alerting;

/// <summary>
/// The alerting rules of a Prometheus <c>/api/v1/rules</c> answer, by name, with the state and evaluation health of
/// each (one name may be loaded in several groups). Only the documented shape is read; any departure is an error,
/// not a guess.
/// </summary>
internal sealed class AlertRuleStates
{
    public const string Firing = "firing";
    public const string Pending = "pending";
    private const string Inactive = "inactive";

    /// <summary>The one health in which a rule was evaluated and can fire; <c>err</c> and <c>unknown</c> (never evaluated) cannot.</summary>
    private const string HealthOk = "ok";

    private readonly Dictionary<string, List<AlertRuleInstance>> _rules;

    private AlertRuleStates(Dictionary<string, List<AlertRuleInstance>> rules) => _rules = rules;

    public int Count => _rules.Count;

    public bool IsLoaded(string alert) => _rules.ContainsKey(alert);

    public bool IsIn(string alert, string state) => _rules.TryGetValue(alert, out var rules) && rules.Any(r => r.State == state);

    /// <summary>
    /// The first loaded instance of <paramref name="alert"/> whose health is not <c>ok</c>, or null when every one is
    /// evaluated: a copy that cannot be evaluated never fires, whatever the other copies do.
    /// </summary>
    public AlertRuleInstance? Unhealthy(string alert) =>
        _rules.TryGetValue(alert, out var rules) ? rules.FirstOrDefault(r => r.Health != HealthOk) : null;

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

        var states = new Dictionary<string, List<AlertRuleInstance>>(StringComparer.Ordinal);
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

    private static bool TryReadRule(JsonElement rule, Dictionary<string, List<AlertRuleInstance>> states, out string error)
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

        var name = StringOf(rule, "name");
        var state = StringOf(rule, "state");
        var health = StringOf(rule, "health");
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

        if (health is null)
        {
            // Prometheus reports every rule's health; without it nothing shows the rule was ever evaluated.
            error = $"alert {name} has no health string";
            return false;
        }

        if (!states.TryGetValue(name, out var list))
        {
            states[name] = list = [];
        }

        list.Add(new AlertRuleInstance(state, health, StringOf(rule, "lastError") is { Length: > 0 } lastError ? Shorten(lastError) : null));
        return true;
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
