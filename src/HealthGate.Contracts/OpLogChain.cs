using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HealthGate.Contracts;

/// <summary>
/// The operational log's hash chain, one definition for the gate that writes it and the CLI that verifies it.
/// An entry's hash is SHA-256 (lowercase hex) over its canonical JSON: every field but <c>hash</c> and
/// <c>signature</c> (and <c>desk</c> when null), in a fixed order, no whitespace, timestamps as <see cref="Timestamps.Format"/>, including
/// <c>seq</c> and <c>prevHash</c> — so a changed field, a removed entry or two swapped entries all break it.
/// With a signing key, the signature is HMAC-SHA256 of the hash; the key stays outside the store, so whoever can
/// rewrite the table cannot re-sign it.
/// </summary>
public static class OpLogChain
{
    /// <summary>The <c>prevHash</c> of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The entry with <see cref="OpLogRecord.Hash"/> (and <see cref="OpLogRecord.Signature"/> when a key is given) set.</summary>
    public static OpLogRecord Seal(OpLogRecord entry, byte[]? signingKey)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var hash = HashOf(entry);
        return entry with { Hash = hash, Signature = signingKey is null ? null : Sign(hash, signingKey) };
    }

    public static string HashOf(OpLogRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(entry)));
    }

    public static string Sign(string hash, byte[] signingKey)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(signingKey);
        return Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(hash)));
    }

    /// <summary>
    /// Walks entries in the order given (the store's <c>seq</c> order) from the first. Returns the first break: a gap
    /// or step back in <c>seq</c>, a <c>prevHash</c> that is not the previous hash, a hash that does not match the
    /// content, or (with a key) a signature that does not verify.
    /// </summary>
    public static OpLogVerification Verify(IEnumerable<OpLogRecord> entries, byte[]? signingKey = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long expected = 1;
        var previous = Genesis;
        long count = 0;
        foreach (var entry in entries)
        {
            if (entry.Seq != expected)
            {
                return OpLogVerification.Broken(count, expected, entry.Seq > expected
                    ? $"entry {expected} is missing (removed): the next entry is {entry.Seq}"
                    : $"entry {entry.Seq} appears after entry {expected - 1} (reordered or duplicated)");
            }

            if (!string.Equals(entry.PrevHash, previous, StringComparison.Ordinal))
            {
                return OpLogVerification.Broken(count, entry.Seq, $"entry {entry.Seq} does not follow entry {entry.Seq - 1}: its prevHash is not that entry's hash (changed, removed or reordered)");
            }

            if (!string.Equals(HashOf(entry), entry.Hash, StringComparison.Ordinal))
            {
                return OpLogVerification.Broken(count, entry.Seq, $"entry {entry.Seq} was changed: its content does not match its hash");
            }

            if (signingKey is not null && !SignatureHolds(entry, signingKey))
            {
                return OpLogVerification.Broken(count, entry.Seq, $"entry {entry.Seq} is not signed by the signing key (changed and re-hashed, or signed with another key)");
            }

            previous = entry.Hash;
            expected++;
            count++;
        }

        return OpLogVerification.Intact(count, previous);
    }

    private static bool SignatureHolds(OpLogRecord entry, byte[] signingKey) =>
        entry.Signature is { Length: 64 } signature
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(entry.Hash, signingKey)));

    /// <summary>The bytes the hash covers; public so an auditor's tool can be checked against it.</summary>
    public static byte[] CanonicalBytes(OpLogRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Canonical))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", entry.Seq);

            // Only when set: the default desk's entries keep the bytes (and hashes) they had before desks.
            if (entry.Desk is { } desk)
            {
                json.WriteString("desk", desk);
            }

            json.WriteString("at", Timestamps.ToText(entry.At));
            json.WriteString("kind", entry.Kind);
            json.WriteString("mode", entry.Mode);
            Text(json, "runId", entry.RunId);
            Text(json, "verdict", entry.Verdict);
            Number(json, "exitCode", entry.ExitCode);
            json.WriteStartArray("failures");
            foreach (var failure in entry.Failures)
            {
                json.WriteStartObject();
                json.WriteString("check", failure.Check);
                json.WriteString("tier", failure.Tier);
                json.WriteString("reason", failure.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Text(json, "decision", entry.Decision);
            if (entry.Who is { } who)
            {
                json.WriteStartObject("who");
                json.WriteString("id", who.Id);
                json.WriteString("name", who.Name);
                json.WriteString("kind", who.Kind);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("who");
            }

            Number(json, "overrideId", entry.OverrideId);
            Text(json, "overrideKind", entry.OverrideKind);
            Text(json, "role", entry.Role);
            Text(json, "ticket", entry.Ticket);
            Text(json, "reason", entry.Reason);
            Text(json, "impact", entry.Impact);
            Text(json, "mitigation", entry.Mitigation);
            Text(json, "comment", entry.Comment);
            Text(json, "configHash", entry.ConfigHash);
            json.WriteString("prevHash", entry.PrevHash);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

/// <summary>The outcome of <see cref="OpLogChain.Verify"/>: intact with its head, or the first entry that breaks it.</summary>
public sealed record OpLogVerification(bool IsIntact, long Count, string? Head, long? BrokenAt, string? Problem)
{
    public static OpLogVerification Intact(long count, string head) => new(true, count, head, null, null);

    public static OpLogVerification Broken(long verified, long at, string problem) => new(false, verified, null, at, problem);
}
