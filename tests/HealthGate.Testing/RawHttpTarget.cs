using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HealthGate.Testing;

/// <summary>
/// An HTTP target at the socket level, on a loopback port it keeps, for answers Kestrel will not give: bytes that
/// are not HTTP, headers or a body trickled a byte at a time, a body cut off half-way, a port that refuses and then
/// listens again. Each connection reads one request's headers and gets <see cref="Answer"/>; then it is closed.
/// </summary>
public sealed class RawHttpTarget : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _open = [];
    private (Func<Stream, CancellationToken, Task> Write, CancellationTokenSource Ends) _answer;
    private TcpListener? _listener;

    private RawHttpTarget(int port)
    {
        Port = port;
        _answer = ((_, _) => Task.CompletedTask, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
    }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    public static RawHttpTarget Start()
    {
        var target = new RawHttpTarget(FreePort.Next());
        target.Listen();
        return target;
    }

    public string Url(string path) => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}{path}";

    /// <summary>
    /// What every later connection gets once its request is read. The token given to it ends when the answer is
    /// changed again, on a refusal and with the target, so a hung or trickling answer stops with its fault.
    /// </summary>
    public void Answer(Func<Stream, CancellationToken, Task> answer)
    {
        var previous = _answer.Ends;
        _answer = (answer, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        previous.Cancel();
        previous.Dispose();
    }

    /// <summary>Closes the port and every open connection: a new connection is refused until <see cref="Listen"/>.</summary>
    public void Refuse()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>Listens on <see cref="Port"/> (again).</summary>
    public void Listen()
    {
        lock (_open)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    /// <summary>A whole HTTP/1.1 answer with a Content-Length, as bytes.</summary>
    public static byte[] Response(int status, string contentType, string body)
    {
        var payload = Encoding.UTF8.GetBytes(body);
        return [.. Head(status, $"Content-Type: {contentType}\r\nContent-Length: {payload.Length.ToString(CultureInfo.InvariantCulture)}\r\n"), .. payload];
    }

    /// <summary>A status line and the given header lines, closed by the empty line.</summary>
    public static byte[] Head(int status, string headerLines) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} Status\r\nConnection: close\r\n{headerLines}\r\n");

    /// <summary>Writes <paramref name="bytes"/> one at a time, <paramref name="interval"/> apart.</summary>
    public static async Task TrickleAsync(Stream stream, byte[] bytes, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(bytes);
        foreach (var b in bytes)
        {
            await stream.WriteAsync(new[] { b }, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(interval, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Refuse();
        _answer.Ends.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_open)
            {
                Accepted++;
                _open.Add(client);
            }

            _ = ServeAsync(client, _answer);
        }
    }

    private async Task ServeAsync(TcpClient client, (Func<Stream, CancellationToken, Task> Write, CancellationTokenSource Ends) answer)
    {
        try
        {
            var token = answer.Ends.Token;
            var stream = client.GetStream();
            await ReadRequestHeadAsync(stream, token);
            await answer.Write(stream, token);
            await stream.FlushAsync(token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The gate gave up (its timeout, a refused body) or the target is closing: both are the point of the row.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
            }

            client.Dispose();
        }
    }

    private static async Task ReadRequestHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1];
        var tail = 0u;
        while (tail != 0x0D0A0D0A)
        {
            if (await stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                throw new IOException("the client closed before its request was complete");
            }

            tail = (tail << 8) | buffer[0];
        }
    }
}
