using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Collects one message per bad configuration key, so start-up can name all of them at once.</summary>
internal sealed class ConfigErrors
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public void Add(string key, string message) => _messages.Add($"{key}: {message}");

    /// <summary>Adds a message that already names its key.</summary>
    public void Add(string message) => _messages.Add(message);

    /// <summary>The messages as an options validation result.</summary>
    public ValidateOptionsResult Result() => _messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_messages);

    public void Require(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(key, "is required");
        }
    }

    public void RequireAbsoluteHttpUrl(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(key, "is required");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(key, "must be an absolute http:// or https:// URL");
        }
    }

    public void RequirePositive(string key, double? value)
    {
        if (value is <= 0)
        {
            Add(key, "must be greater than 0");
        }
    }

    public void RequireJsonPointer(string key, string? value)
    {
        if (string.IsNullOrEmpty(value) || value[0] != '/')
        {
            Add(key, "must be a JSON Pointer starting with '/' (RFC 6901)");
        }
    }
}
