namespace HealthGate.Configuration;

/// <summary>Checks for two key shapes: a base URL a path is appended to, and a required list of distinct names.</summary>
internal static class NameListAndBaseUrlKeys
{
    public static void RequireBaseUrl(this ConfigErrors errors, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireAbsoluteHttpUrl(key, value);
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Query.Length > 0 || uri.Fragment.Length > 0))
        {
            // An API path is appended to it: a query or fragment would swallow that path.
            errors.Add(key, "must be a base URL without a query or fragment");
        }
    }

    /// <summary>A list that must name at least one item, none empty or padded, none twice.</summary>
    public static void RequireNames(this ConfigErrors errors, string key, string[] names, string whenEmpty)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            // A check that requires nothing would pass an empty server.
            errors.Add(key, whenEmpty);
        }

        if (names.Any(n => string.IsNullOrWhiteSpace(n) || n.Trim() != n))
        {
            errors.Add(key, "must not contain empty or padded names");
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            errors.Add(key, "must not name an item twice");
        }
    }
}
