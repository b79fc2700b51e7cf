using System.Security.Cryptography;
using System.Text;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        foreach (var (key, value) in options.ApiKeys)
        {
            // An empty value is most likely an unset secret in a manifest; it must not pass as a configured key.
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"HealthGate:Auth:ApiKeys:{key}", "must not be empty");
            }
        }

        if (options.RequireKeyForReads && options.People.Count == 0 && !options.ApiKeys.Values.Any(v => v != AuthOptions.SampleKey && !string.IsNullOrWhiteSpace(v)))
        {
            errors.Add("HealthGate:Auth:RequireKeyForReads", "needs at least one configured API key or person (the sample key never authenticates)");
        }

        ValidatePeople(options, errors);
        ValidateJwt(options.Jwt, errors);
        return errors.Result();
    }

    private static void ValidatePeople(AuthOptions options, ConfigErrors errors)
    {
        var serviceHashes = options.ApiKeys
            .Where(k => !string.IsNullOrEmpty(k.Value))
            .ToDictionary(k => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k.Value))), k => k.Key, StringComparer.Ordinal);
        var byHash = new Dictionary<string, string>(StringComparer.Ordinal);
        var named = new List<(string Id, string Name)>();
        foreach (var (id, person) in options.People)
        {
            var key = $"HealthGate:Auth:People:{id}";
            if (string.IsNullOrWhiteSpace(id) || id.Trim() != id)
            {
                errors.Add(key, "a person id must be non-empty, without surrounding spaces");
            }

            if (person is null)
            {
                errors.Add(key, "is empty");
                continue;
            }

            if (DisplayNames.Refusal(person.Name) is { } refusal)
            {
                errors.Add($"{key}:Name", refusal);
            }
            else
            {
                var same = named.FirstOrDefault(n => DisplayNames.AreSame(n.Name, person.Name));
                if (same.Id is not null)
                {
                    errors.Add($"{key}:Name", $"reads as the name of person '{same.Id}' (names are compared after NFKC and case folding)");
                }

                named.Add((id, person.Name));
            }

            if (person.Roles.Count == 0)
            {
                errors.Add($"{key}:Roles", "needs at least one role");
            }

            for (var i = 0; i < person.Roles.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(person.Roles[i]))
                {
                    errors.Add($"{key}:Roles:{i}", "must not be empty");
                }
            }

            if (person.KeySha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
            {
                // A key instead of its hash is the likeliest mistake; the message never repeats the value.
                errors.Add($"{key}:KeySha256", "must be exactly 64 hex digits, the SHA-256 of the person's key (printf %s \"$KEY\" | sha256sum)");
                continue;
            }

            var lower = hash.ToLowerInvariant();
            if (byHash.TryGetValue(lower, out var other))
            {
                errors.Add($"{key}:KeySha256", $"is also person '{other}''s key hash: each person signs with their own key");
            }
            else
            {
                byHash[lower] = id;
            }

            if (serviceHashes.TryGetValue(lower, out var service))
            {
                errors.Add($"{key}:KeySha256", $"is the hash of service key HealthGate:Auth:ApiKeys:{service}: a person's key must not be a service key");
            }
        }
    }

    private static void ValidateJwt(JwtOptions jwt, ConfigErrors errors)
    {
        if (!jwt.IsConfigured)
        {
            return;
        }

        errors.RequireAbsoluteHttpUrl("HealthGate:Auth:Jwt:Authority", jwt.Authority);
        errors.Require("HealthGate:Auth:Jwt:Audience", jwt.Audience);
        errors.Require("HealthGate:Auth:Jwt:NameClaim", jwt.NameClaim);
        errors.Require("HealthGate:Auth:Jwt:RolesClaim", jwt.RolesClaim);
        if (jwt.RequireHttpsMetadata && (jwt.MetadataAddress is { Length: > 0 } ? jwt.MetadataAddress : jwt.Authority).StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("HealthGate:Auth:Jwt:RequireHttpsMetadata", "is true but the metadata is fetched over http://; use https:// (set false only for a loopback test authority)");
        }

        if (jwt.MetadataAddress is { Length: > 0 })
        {
            errors.RequireAbsoluteHttpUrl("HealthGate:Auth:Jwt:MetadataAddress", jwt.MetadataAddress);
        }
    }
}
