namespace HealthGate.Testing;

/// <summary>Builds flat configuration keys for <see cref="HealthGateApplication.With"/>.</summary>
public static class Settings
{
    /// <summary>A check's <c>DependsOn</c> key, for <see cref="Check"/>.</summary>
    public static (string Key, object? Value) DependsOn(params string[] names) => ("DependsOn", names);

    /// <summary>A check entry: <c>Checks:{name}:Type</c>, <c>:Tier</c> and any further keys; arrays become indexed keys.</summary>
    public static (string Key, object? Value)[] Check(string name, string type, string tier, params (string Key, object? Value)[] keys)
    {
        var result = new List<(string, object?)> { ($"Checks:{name}:Type", type), ($"Checks:{name}:Tier", tier) };
        foreach (var (key, value) in keys)
        {
            if (value is string[] items)
            {
                result.AddRange(items.Select((item, i) => ($"Checks:{name}:{key}:{i}", (object?)item)));
            }
            else
            {
                result.Add(($"Checks:{name}:{key}", value));
            }
        }

        return [.. result];
    }
}
