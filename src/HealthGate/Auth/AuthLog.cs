namespace HealthGate.Auth;

/// <summary>The API key's events; their ids (5003-5005) are kept from when the key lived with the overrides.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Override request from {Remote} refused: {Cause}")]
    public static partial void Unauthorized(ILogger logger, string? remote, string cause);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "No API key is configured (HealthGate:Auth:ApiKeys): POST /overrides refuses every request until one is")]
    public static partial void Closed(ILogger logger);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "API key {Name} is the published sample value (samples/desk.json) and never authenticates; configure a real key")]
    public static partial void SampleKeyIgnored(ILogger logger, string name);
}
