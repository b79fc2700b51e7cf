using System.Text.RegularExpressions;

namespace HealthGate.Secrets;

/// <summary>
/// Removes configured secrets, and anything shaped like a password key, from text that leaves the service.
/// A driver's error message may quote its connection string; this is the last line before a response.
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so a secret that contains another is masked whole.
        _secrets = [.. secrets.Where(s => s.Length >= 3).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>An exception as one line for a response or a log: its type and its redacted message, no stack.</summary>
    public string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"{exception.GetType().Name}: {Redact(exception.Message)}";
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return PasswordLike().Replace(text, m => $"{m.Groups["key"].Value}={Mask}");
    }

    [GeneratedRegex(@"(?<key>password|pwd|passwd|apikey|api_key|token)\s*=\s*[^;,\s]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordLike();
}
