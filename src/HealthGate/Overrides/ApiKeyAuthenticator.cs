using System.Security.Cryptography;
using System.Text;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Overrides;

/// <summary>
/// Checks <c>X-Api-Key</c> against <c>HealthGate:Auth:ApiKeys</c>. With no keys configured every caller passes
/// (a warning is logged at start); the published sample key never passes.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    public const string HeaderName = "X-Api-Key";

    private readonly (string Name, byte[] Hash)[] _keys;
    private readonly ILogger<ApiKeyAuthenticator> _logger;

    public ApiKeyAuthenticator(IOptions<HealthGateOptions> options, ILogger<ApiKeyAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.Value.Auth.ApiKeys;
        IsOpen = keys.Count == 0;
        SampleKeyNames = [.. keys.Where(k => k.Value == AuthOptions.SampleKey).Select(k => k.Key)];
        _keys = [.. keys.Where(k => k.Value != AuthOptions.SampleKey).Select(k => (k.Key, Hash(k.Value)))];
        _logger = logger;
    }

    /// <summary>No key is configured at all: the endpoint is open.</summary>
    public bool IsOpen { get; }

    public IReadOnlyList<string> SampleKeyNames { get; }

    /// <summary>True when the presented key is configured (or none are); <paramref name="keyName"/> names the key that matched.</summary>
    public bool TryAuthenticate(string? presented, string? remote, out string? keyName)
    {
        keyName = null;
        if (IsOpen)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presented))
        {
            OverridesLog.Unauthorized(_logger, remote, $"no {HeaderName} header");
            return false;
        }

        // Compare fixed-length digests, every key, no early exit: timing tells nothing about the keys.
        var hash = Hash(presented);
        foreach (var (name, keyHash) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, keyHash))
            {
                keyName ??= name;
            }
        }

        if (keyName is null)
        {
            OverridesLog.Unauthorized(_logger, remote, $"wrong {HeaderName}");
        }

        return keyName is not null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
