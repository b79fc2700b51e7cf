using System.Text;
using HealthGate.Configuration;
using HealthGate.Secrets;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// <c>HealthGate:Audit</c>: the optional key that signs every op-log hash (HMAC-SHA256). It is configuration, never a
/// stored value, so whoever can rewrite the table cannot re-sign what they rewrote. Keep it in a secret store.
/// </summary>
internal sealed class AuditOptions : ISecretSource
{
    public const string SectionName = "Audit";

    /// <summary>At least this many bytes (UTF-8): an HMAC key shorter than its hash weakens it.</summary>
    public const int MinKeyBytes = 32;

    public string? SigningKey { get; set; }

    public byte[]? SigningKeyBytes => string.IsNullOrEmpty(SigningKey) ? null : Encoding.UTF8.GetBytes(SigningKey);

    public IEnumerable<string> Secrets() => string.IsNullOrEmpty(SigningKey) ? [] : [SigningKey];
}

/// <summary>A signing key, when set, is long enough to be one.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        if (options.SigningKey is { } key && Encoding.UTF8.GetByteCount(key) < AuditOptions.MinKeyBytes)
        {
            errors.Add("HealthGate:Audit:SigningKey", $"must be at least {AuditOptions.MinKeyBytes} bytes (UTF-8); the value is not shown");
        }

        return errors.Result();
    }
}
