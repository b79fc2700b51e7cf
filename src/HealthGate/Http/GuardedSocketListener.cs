using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace HealthGate.Http;

/// <summary>
/// Kestrel's socket listener with one difference: an accept that fails for want of resources (EMFILE, ENFILE,
/// ENOBUFS) waits through <see cref="AcceptRetry"/> before it tries again. Kestrel's own listener retries at once,
/// a loop that burns a core while nothing can be accepted. The connections themselves are Kestrel's.
/// </summary>
internal sealed class GuardedSocketListener(Socket socket, SocketConnectionContextFactory connections, bool noDelay, AcceptRetry retry, TimeProvider time)
    : IConnectionListener
{
    private readonly CancellationTokenSource _unbound = new();

    public EndPoint EndPoint { get; } = socket.LocalEndPoint ?? throw new InvalidOperationException("the listening socket is not bound");

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await socket.AcceptAsync(cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                return null; // unbound: Kestrel stops accepting on null
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return null;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                continue; // the client gave up while its connection waited in the backlog
            }
            catch (SocketException e)
            {
                try
                {
                    await Task.Delay(retry.Failed(e.SocketErrorCode), time, _unbound.Token);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                continue;
            }

            retry.Succeeded();
            if (accepted.LocalEndPoint is IPEndPoint)
            {
                accepted.NoDelay = noDelay;
            }

            return connections.Create(accepted);
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _unbound.Cancel();
        socket.Dispose();
        return default;
    }

    public ValueTask DisposeAsync()
    {
        _unbound.Cancel();
        socket.Dispose();
        connections.Dispose();
        _unbound.Dispose();
        return default;
    }
}
