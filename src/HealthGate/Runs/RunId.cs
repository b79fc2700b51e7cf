using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HealthGate.Runs;

/// <summary>
/// ULID run identifiers (48-bit millisecond time, 80 random bits, Crockford base32): they sort by start time
/// as strings, which keeps run listings and log searches simple.
/// </summary>
internal static class RunId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    public static bool IsValid(string? value) => value is { Length: 26 } && value.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
