using HealthGate.Checks;

namespace HealthGate.Storage;

/// <summary>A store failure as one line for a log or a problem detail: exception type and redacted message.</summary>
internal static class StorageErrors
{
    public static string Describe(Exception exception, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        return $"{exception.GetType().Name}: {new SecretRedactor(options.Secrets()).Redact(exception.Message)}";
    }
}
