namespace HealthGate.Configuration;

/// <summary>
/// Configuration keys as a tree built once from flat <c>a:b:c</c> keys. Walking it costs each node once, where
/// <see cref="IConfigurationSection.GetChildren"/> scans every key of every provider per call: a walk of a large
/// desk file through sections is quadratic in its size.
/// </summary>
internal sealed class KeyTree
{
    private readonly Dictionary<string, KeyTree> _children = new(StringComparer.OrdinalIgnoreCase);

    private KeyTree(string path, string key)
    {
        Path = path;
        Key = key;
    }

    public string Path { get; }

    public string Key { get; }

    public string? Value { get; private set; }

    public IEnumerable<KeyTree> Children => _children.Values;

    public int ChildCount => _children.Count;

    /// <summary>The subtree at <paramref name="path"/> of the given keys (later keys win, as later providers do).</summary>
    public static KeyTree Build(string path, IEnumerable<KeyValuePair<string, string?>> keys)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(keys);
        var root = new KeyTree(path, path[(path.LastIndexOf(':') + 1)..]);
        var prefix = path + ":";
        foreach (var (key, value) in keys)
        {
            if (key.Equals(path, StringComparison.OrdinalIgnoreCase))
            {
                root.Value = value;
                continue;
            }

            if (!key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var node = root;
            foreach (var segment in key[prefix.Length..].Split(':'))
            {
                if (!node._children.TryGetValue(segment, out var child))
                {
                    node._children[segment] = child = new KeyTree($"{node.Path}:{segment}", segment);
                }

                node = child;
            }

            node.Value = value;
        }

        return root;
    }

    /// <summary>The section's keys, walked through the section (for small sections; a desk's checks use <see cref="Build"/>).</summary>
    public static KeyTree Of(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Build(section.Path, section.AsEnumerable());
    }
}
