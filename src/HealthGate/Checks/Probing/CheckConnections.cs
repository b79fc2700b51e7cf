using System.Net.Sockets;

namespace HealthGate.Checks.Probing;

/// <summary>
/// How the checks' HTTP client opens a connection: as <see cref="SocketsHttpHandler"/> does by default, except that a
/// name in the special-use domain <c>invalid</c> is refused at once without asking a resolver (RFC 6761 §6.4): it can
/// never resolve, and the query would leave the machine and could outlast the check's timeout.
/// </summary>
internal static class CheckConnections
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsInvalidName(context.DnsEndPoint.Host))
        {
            throw new SocketException((int)SocketError.HostNotFound, $"{context.DnsEndPoint.Host} is under .invalid, which never resolves (RFC 6761)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary><c>invalid</c> or a name under it, with or without the root's trailing dot, in any ASCII case.</summary>
    internal static bool IsInvalidName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.EndsWith('.') ? host[..^1] : host;
        return name.Equals("invalid", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);
    }
}
