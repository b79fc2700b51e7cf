using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Many live-page connections at once, as a misbehaving page or a script opens them: each connects and asks for
/// <c>GET /events</c>, then holds its connection and reads nothing unless asked. What the gate did with each one is
/// read back afterwards: a stream it kept open, or a connection it closed (with or without an answer).
/// </summary>
public sealed class EventFlood : IAsyncDisposable
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET /events HTTP/1.1\r\nHost: gate\r\nAccept: text/event-stream\r\n\r\n");

    private readonly List<Held> _connections = [];

    private EventFlood()
    {
    }

    /// <summary>Connections that were established and sent their request.</summary>
    public int Connected => _connections.Count;

    /// <summary>Connections that could not be established (a backlog that stayed full past the timeout).</summary>
    public int NotConnected { get; private set; }

    /// <summary>Opens <paramref name="count"/> connections, at most <paramref name="inFlight"/> connecting at a time.</summary>
    public static async Task<EventFlood> OpenAsync(Uri gate, int count, int inFlight = 256)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var flood = new EventFlood();
        var endPoint = new IPEndPoint(IPAddress.Parse(gate.Host), gate.Port);
        using var gateSlots = new SemaphoreSlim(inFlight);
        var opening = Enumerable.Range(0, count).Select(async _ =>
        {
            await gateSlots.WaitAsync();
            try
            {
                return await ConnectAsync(endPoint);
            }
            finally
            {
                gateSlots.Release();
            }
        }).ToList();
        foreach (var socket in await Task.WhenAll(opening))
        {
            if (socket is null)
            {
                flood.NotConnected++;
            }
            else
            {
                flood._connections.Add(new Held(socket));
            }
        }

        return flood;
    }

    /// <summary>Reads what has arrived on every connection, without waiting, and counts what the gate did with them.</summary>
    public (int Streaming, int Closed, int Undecided) Read()
    {
        foreach (var held in _connections)
        {
            held.ReadAvailable();
        }

        var streaming = _connections.Count(c => !c.Closed && c.IsStream);
        var closed = _connections.Count(c => c.Closed);
        return (streaming, closed, _connections.Count - streaming - closed);
    }

    /// <summary>The first line the gate answered on a closed connection that got an answer, e.g. <c>HTTP/1.1 503 Service Unavailable</c>.</summary>
    public IReadOnlyList<string> ClosedStatusLines() =>
        [.. _connections.Where(c => c.Closed && c.Received.Length > 0).Select(c => c.StatusLine)];

    public ValueTask DisposeAsync()
    {
        foreach (var held in _connections)
        {
            held.Socket.Dispose();
        }

        _connections.Clear();
        return ValueTask.CompletedTask;
    }

    private static async Task<Socket?> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await socket.ConnectAsync(endPoint, timeout.Token);
            await socket.SendAsync(Request, SocketFlags.None, timeout.Token);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    private sealed class Held(Socket socket)
    {
        private readonly StringBuilder _received = new();

        public Socket Socket => socket;

        public bool Closed { get; private set; }

        public string Received => _received.ToString();

        public string StatusLine => Received.Split("\r\n", 2)[0];

        public bool IsStream => Received.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)
            && Received.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

        public void ReadAvailable()
        {
            if (Closed)
            {
                return;
            }

            var buffer = new byte[4096];
            try
            {
                while (socket.Poll(0, SelectMode.SelectRead))
                {
                    var read = socket.Receive(buffer);
                    if (read == 0)
                    {
                        Closed = true;
                        return;
                    }

                    // Only the head matters; a stream's heartbeats are not kept.
                    if (_received.Length < 1024)
                    {
                        _received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                }
            }
            catch (SocketException)
            {
                Closed = true; // reset by the gate: closed as well
            }
        }
    }
}
