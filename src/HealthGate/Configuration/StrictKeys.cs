using System.Globalization;
using System.Reflection;

namespace HealthGate.Configuration;

/// <summary>
/// Refuses configuration keys the options types do not have. The binder ignores them, so a misspelt section
/// (<c>Auth:ApiKey</c>, <c>Readyness</c>) would otherwise fall back to its defaults without a word.
/// </summary>
internal static class StrictKeys
{
    /// <summary>Adds one error per key under <paramref name="section"/> that <paramref name="type"/> cannot bind.</summary>
    public static void Check(IConfigurationSection section, Type type, ConfigErrors errors, IReadOnlyCollection<string>? alsoKnown = null) =>
        Check(KeyTree.Of(section), type, errors, alsoKnown);

    /// <summary>The same on a tree built once, so the walk costs each key once (a desk's checks can be large).</summary>
    public static void Check(KeyTree section, Type type, ConfigErrors errors, IReadOnlyCollection<string>? alsoKnown = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(errors);
        var children = section.Children;
        if (IsScalar(type))
        {
            if (section.ChildCount > 0)
            {
                errors.Add(section.Path, "expects a single value, not a section");
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            // "Key": "a" where a list is expected would bind to an empty list (or its default) without a word.
            if (section.ChildCount == 0 && !string.IsNullOrEmpty(section.Value))
            {
                errors.Add(section.Path, "expects a list: use a JSON array");
                return;
            }

            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add(child.Path, "expects a list: use a JSON array");
                    continue;
                }

                Check(child, element, errors);
            }

            return;
        }

        if (DictionaryValueType(type) is { } value)
        {
            foreach (var child in children)
            {
                if (string.IsNullOrWhiteSpace(child.Key))
                {
                    errors.Add(child.Path, "an empty name is not allowed");
                    continue;
                }

                Check(child, value, errors);
            }

            return;
        }

        var properties = Settable(type);
        foreach (var child in children)
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                Check(child, property.PropertyType, errors);
            }
            else if (alsoKnown?.Contains(child.Key, StringComparer.OrdinalIgnoreCase) != true)
            {
                var known = properties.Keys.Concat(alsoKnown ?? []).Order(StringComparer.Ordinal);
                errors.Add(child.Path, $"unknown key (known: {string.Join(", ", known)})");
            }
        }
    }

    public static Dictionary<string, PropertyInfo> Settable(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true })
        .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Uri) || t == typeof(Guid);
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var g && (g == typeof(List<>) || g == typeof(IReadOnlyList<>) || g == typeof(IList<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>The value type of a string-keyed dictionary, including a class that derives from one.</summary>
    private static Type? DictionaryValueType(Type type) =>
        new[] { type }.Concat(type.GetInterfaces())
            .Where(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IDictionary<,>) || t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            .Select(t => t.GetGenericArguments()[1])
            .FirstOrDefault();
}
