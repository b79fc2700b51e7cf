using System.Security.Cryptography;
using System.Text;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Overrides;

/// <summary>
/// Checks <c>X-Api-Key</c> against <c>HealthGate:Auth:ApiKeys</c>. With no usable key configured nobody passes:
/// an override is never accepted anonymously. The published sample key never passes.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    public const string HeaderName = "X-Api-Key";

    private readonly Lazy<ConfiguredKeys> _configured;
    private readonly ILogger<ApiKeyAuthenticator> _logger;

    public ApiKeyAuthenticator(IOptions<HealthGateOptions> options, ILogger<ApiKeyAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Read on first use: this is built before options are validated, and a bad key must be named by the validator.
        _configured = new(() => ConfiguredKeys.From(options.Value.Auth.ApiKeys));
        _logger = logger;
    }

    /// <summary>No usable key is configured (none, or only the published sample): the endpoint is closed.</summary>
    public bool IsClosed => _configured.Value.Keys.Length == 0;

    public IReadOnlyList<string> SampleKeyNames => _configured.Value.SampleKeyNames;

    /// <summary>True when the presented key is configured (or none are); <paramref name="keyName"/> names the key that matched.</summary>
    public bool TryAuthenticate(string? presented, string? remote, out string? keyName)
    {
        keyName = null;
        if (IsClosed)
        {
            OverridesLog.Unauthorized(_logger, remote, "no API key is configured");
            return false;
        }

        if (string.IsNullOrEmpty(presented))
        {
            OverridesLog.Unauthorized(_logger, remote, $"no {HeaderName} header");
            return false;
        }

        // Compare fixed-length digests, every key, no early exit: timing tells nothing about the keys.
        var hash = Hash(presented);
        foreach (var (name, keyHash) in _configured.Value.Keys)
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

    private sealed record ConfiguredKeys((string Name, byte[] Hash)[] Keys, string[] SampleKeyNames)
    {
        public static ConfiguredKeys From(Dictionary<string, string> keys) => new(
            [.. keys.Where(k => k.Value != AuthOptions.SampleKey).Select(k => (k.Key, Hash(k.Value)))],
            [.. keys.Where(k => k.Value == AuthOptions.SampleKey).Select(k => k.Key)]);
    }
}
