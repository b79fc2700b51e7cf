using System.CommandLine;

namespace HealthGate.Cli.Gate;

/// <summary>The options every command that talks to the gate shares: where it is, whose key, how long to wait.</summary>
internal sealed class GateOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public GateOptions(int defaultTimeoutSeconds)
    {
        Url.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--url '{value}' is not an absolute http:// or https:// address");
            }
        });
        Timeout = new Option<int?>("--timeout")
        {
            Description = $"Seconds to wait for each answer of the gate (default {defaultTimeoutSeconds}).",
            HelpName = "SECONDS",
        };
        Timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0 or > 3600)
            {
                result.AddError("--timeout must be between 1 and 3600 seconds");
            }
        });
        DefaultTimeout = TimeSpan.FromSeconds(defaultTimeoutSeconds);
    }

    public Option<string> Url { get; } = new("--url") { Description = "The HealthGate service.", DefaultValueFactory = _ => DefaultUrl };

    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = $"A file whose first line is your key, sent as X-Api-Key (instead of {CliContext.ApiKeyVariable}).",
        HelpName = "PATH",
    };

    public Option<int?> Timeout { get; }

    public TimeSpan DefaultTimeout { get; }

    public IEnumerable<Option> All => [Url, KeyFile, Timeout];

    /// <summary>The key to send: the key file's first line when given, else <c>HEALTHGATE_API_KEY</c>, else none.</summary>
    public static string? ApiKey(CliContext context, string? keyFile)
    {
        ArgumentNullException.ThrowIfNull(context);
        return keyFile is null ? context.ApiKey : SecretFile.ReadFirstLine(keyFile, "key file");
    }

    /// <summary>A client for the parsed command line; throws <see cref="SecretFileException"/> for an unusable key file.</summary>
    public GateClient Client(CliContext context, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parse);
        var apiKey = ApiKey(context, parse.GetValue(KeyFile));
        var timeout = parse.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultTimeout;
        return new GateClient(new Uri(parse.GetRequiredValue(Url), UriKind.Absolute), apiKey, timeout, context.Time);
    }
}
