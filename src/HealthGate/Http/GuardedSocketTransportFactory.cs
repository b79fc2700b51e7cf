using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace HealthGate.Http;

/// <summary>
/// The socket transport Kestrel binds with (registered after Kestrel's own, so it is chosen first): Kestrel's
/// listening socket, options and connections, behind a <see cref="GuardedSocketListener"/>.
/// </summary>
internal sealed class GuardedSocketTransportFactory(
    IOptions<SocketTransportOptions> transport,
    IOptions<KestrelServerOptions> kestrel,
    ILoggerFactory loggers,
    TimeProvider time) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    // Kestrel's own category for its socket transport, so its connection events read as they always did.
    private const string TransportCategory = "Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets";

    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint or UnixDomainSocketEndPoint or FileHandleEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = transport.Value;
        Socket socket;
        try
        {
            socket = options.CreateBoundListenSocket(endpoint);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Kestrel reports this one as "address already in use" naming the address.
            throw new AddressInUseException(e.Message, e);
        }

        socket.Listen(options.Backlog);
        var connections = new SocketConnectionContextFactory(
            new SocketConnectionFactoryOptions
            {
                IOQueueCount = options.IOQueueCount,
                WaitForDataBeforeAllocatingBuffer = options.WaitForDataBeforeAllocatingBuffer,
                MaxReadBufferSize = options.MaxReadBufferSize,
                MaxWriteBufferSize = options.MaxWriteBufferSize,
                UnsafePreferInlineScheduling = options.UnsafePreferInlineScheduling,
            },
            loggers.CreateLogger(TransportCategory));
        var logger = loggers.CreateLogger<GuardedSocketTransportFactory>();
        var limit = DescriptorLimit.Read();
        var name = socket.LocalEndPoint?.ToString() ?? endpoint.ToString() ?? "the listener";
        HttpLog.Listening(logger, name, kestrel.Value.Limits.MaxConcurrentConnections, limit);
        return new(new GuardedSocketListener(socket, connections, options.NoDelay, new AcceptRetry(logger, time, name, limit), time));
    }
}
