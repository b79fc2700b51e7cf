using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HealthGate.Leadership;

/// <summary>The advisory lock key of a desk's readiness leadership: fixed prefix and desk name, hashed to 64 bits.</summary>
internal static class LeaderKey
{
    public const string Prefix = "healthgate:readiness-leader:";

    // 64 bits of SHA-256: desks sharing a database never share a leader, and the schema and op-log keys are not hit.
    public static long Of(string desk) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(Prefix + desk)));
}
