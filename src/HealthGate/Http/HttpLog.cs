using System.Net.Sockets;

namespace HealthGate.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Listening on {EndPoint}: at most {MaxConnections} client connections at once; open-files limit {DescriptorLimit}, the rest kept for the store, the checks and the runtime")]
    public static partial void Listening(ILogger logger, string endPoint, long? maxConnections, long? descriptorLimit);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Error, Message = "Accepting connections on {EndPoint} fails ({Error}, {Failures} failures since the last such line): the process may be out of descriptors (open-files limit {DescriptorLimit} at start); retrying in {DelayMs} ms")]
    public static partial void AcceptFailing(ILogger logger, string endPoint, SocketError error, long failures, long? descriptorLimit, double delayMs);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Accepting connections on {EndPoint} again after {Failures} failures over {Seconds:F1} s")]
    public static partial void AcceptRecovered(ILogger logger, string endPoint, long failures, double seconds);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Serving the renewed TLS certificate from {Path}: {Subject}, thumbprint {Thumbprint}, valid until {NotAfter:O}")]
    public static partial void CertificateRenewed(ILogger logger, string path, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "The TLS certificate files at {Path} changed but cannot be read ({Error}: {Detail}); still serving the certificate in service, trying again when they change")]
    public static partial void CertificateNotRenewed(ILogger logger, string path, string error, string detail);
}
