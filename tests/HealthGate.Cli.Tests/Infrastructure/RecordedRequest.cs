namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>A request the fake gate received: what the CLI sent, header and body.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? ApiKey, string? ContentType, string Body)
{
    /// <summary>The query string, with its leading '?' (empty when none).</summary>
    public string Query { get; init; } = "";
}
