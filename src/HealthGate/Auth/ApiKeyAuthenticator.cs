using System.Security.Claims;
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

    private readonly (Person Person, byte[] Hash)[] _people =
        [.. options.Value.People.Select(p => (new Person(p.Key, p.Value.Name, [.. p.Value.Roles]), Convert.FromHexString(p.Value.KeySha256)))];

    /// <summary>No usable key is configured (no person, no service key but the published sample): the endpoint is closed.</summary>
    public bool IsClosed => _keys.Length == 0 && _people.Length == 0;

    /// <summary>The configured person with id <paramref name="id"/>, or null.</summary>
    public Person? FindPerson(string id) => _people.FirstOrDefault(p => string.Equals(p.Person.Id, id, StringComparison.Ordinal)).Person;

    /// <summary>The person whose configured key hash <paramref name="presented"/> has, or null.</summary>
    public Person? MatchPerson(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return FirstMatch(Hash(presented), _people);
    }

    public IReadOnlyList<string> SampleKeyNames { get; } =
        [.. options.Value.ApiKeys.Where(k => k.Value == AuthOptions.SampleKey).Select(k => k.Key)];

    /// <summary>The name of the configured key <paramref name="presented"/> is, or null.</summary>
    public string? Match(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return FirstMatch(Hash(presented), _keys);
    }

    /// <summary>Who authenticates: a person (roles) or a service key (none); each kind says which via <see cref="KindClaim"/>.</summary>
    public const string KindClaim = "healthgate:kind";

    public static ClaimsPrincipal PersonPrincipal(Person person, IEnumerable<string> roles, string scheme)
    {
        ArgumentNullException.ThrowIfNull(person);
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, person.Id), new(KindClaim, "person"), new(ClaimTypes.Name, person.Name)];
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static ClaimsPrincipal ServicePrincipal(string keyName, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, keyName), new Claim(KindClaim, "service"), new Claim(ClaimTypes.Name, keyName)], scheme, ClaimTypes.Name, ClaimTypes.Role));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// Compares fixed-length digests, every entry, no early exit: timing tells nothing about the keys. The first
    /// entry that matches wins.
    /// </summary>
    private static T? FirstMatch<T>(byte[] hash, (T Owner, byte[] Hash)[] entries)
        where T : class
    {
        T? match = null;
        foreach (var (owner, entryHash) in entries)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, entryHash))
            {
                match ??= owner;
            }
        }

        return match;
    }
}

/// <summary>A configured person: id (what records and policies name), display name and roles.</summary>
internal sealed record Person(string Id, string Name, IReadOnlyList<string> Roles);
