namespace HealthGate.Cli.Gate;

/// <summary>
/// A secret kept in a file (<c>--key-file</c>, <c>--signing-key-file</c>): its first line, trimmed. A file that is
/// missing, unreadable or empty is refused by name, never read as "no key"; the secret itself is never shown.
/// </summary>
internal static class SecretFile
{
    /// <summary>The first line of <paramref name="path"/>, trimmed; <paramref name="what"/> names the file in the refusal.</summary>
    public static string ReadFirstLine(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? line;
        try
        {
            using var reader = new StreamReader(path);
            line = reader.ReadLine();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SecretFileException($"cannot read the {what} '{path}': {OneLine.Of(ex.Message)}", ex);
        }

        return line?.Trim() is { Length: > 0 } secret
            ? secret
            : throw new SecretFileException($"the {what} '{path}' is empty: its first line must hold the key");
    }
}
