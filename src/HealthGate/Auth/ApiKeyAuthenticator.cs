using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

/// <summary>
/// The configured API keys, compared in constant time. With no usable key configured nobody passes: an override
/// is never accepted anonymously. The published sample key never passes.
/// </summary>
internal sealed class ApiKeyAuthenticator(IOptions<AuthOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    private readonly (string Name, byte[] Hash)[] _keys =
        [.. options.Value.ApiKeys.Where(k => k.Value != AuthOptions.SampleKey).Select(k => (k.Key, Hash(k.Value)))];

    /// <summary>No usable key is configured (none, or only the published sample): the endpoint is closed.</summary>
    public bool IsClosed => _keys.Length == 0;

    public IReadOnlyList<string> SampleKeyNames { get; } =
        [.. options.Value.ApiKeys.Where(k => k.Value == AuthOptions.SampleKey).Select(k => k.Key)];

    /// <summary>The name of the configured key <paramref name="presented"/> is, or null.</summary>
    public string? Match(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);

        // Compare fixed-length digests, every key, no early exit: timing tells nothing about the keys.
        var hash = Hash(presented);
        string? name = null;
        foreach (var (keyName, keyHash) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, keyHash))
            {
                name ??= keyName;
            }
        }

        return name;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
