using System.Security.Cryptography;
using System.Text;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// The desk's people, each with a key of their own, as the service is configured with them (<c>Auth:People</c>, only
/// the key's SHA-256), and the launcher's service key <c>ops</c>: olga (operator), jane (risk-manager), bob (cto),
/// tess (team-lead).
/// </summary>
internal static class DeskPeople
{
    public const string ServiceKeyName = "ops";

    public static IReadOnlyDictionary<string, (string Name, string Role, string Key)> People { get; } =
        new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
        {
            ["olga"] = ("Olga Ivanova", "operator", "olga-e2e-key-3b81f0"),
            ["jane"] = ("Jane Smith", "risk-manager", "jane-e2e-key-9c42d7"),
            ["bob"] = ("Bob Jones", "cto", "bob-e2e-key-51ae6c"),
            ["tess"] = ("Tess Ode", "team-lead", "tess-e2e-key-07d93b"),
        };

    public const string ServiceKey = "ops-e2e-key-c6f214";

    /// <summary>The key a caller sends: a person's own, or the service key for <see cref="ServiceKeyName"/>.</summary>
    public static string KeyOf(string who) => who == ServiceKeyName ? ServiceKey : People[who].Key;

    public static string NameOf(string who) => People[who].Name;

    public static IEnumerable<(string Key, object? Value)> Settings() =>
    [
        .. People.SelectMany(p => new (string, object?)[]
        {
            ($"Auth:People:{p.Key}:Name", p.Value.Name),
            ($"Auth:People:{p.Key}:Roles:0", p.Value.Role),
            ($"Auth:People:{p.Key}:KeySha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(p.Value.Key)))),
        }),
        ($"Auth:ApiKeys:{ServiceKeyName}", ServiceKey),
    ];
}
