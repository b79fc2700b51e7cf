namespace HealthGate.Checks.Probing;

/// <summary>The credentials a URL may carry in its user info, which must not be echoed.</summary>
internal static class UrlSecrets
{
    public static IEnumerable<string> Of(params string?[] urls) =>
        urls.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.UserInfo : "")
            .Where(info => info.Length > 0)
            .SelectMany(info => new[] { info, Uri.UnescapeDataString(info.Split(':', 2)[^1]) });
}
