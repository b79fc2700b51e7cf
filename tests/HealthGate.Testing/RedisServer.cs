using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace HealthGate.Testing;

/// <summary>A real redis-server on a free loopback port, which a test can stop and start again on the same port.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var redis = Binaries.Find("redis-server", "redis-server");
        _process = ProcessRunner.Start(redis, ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], redirect: false);
        await ProcessRunner.WaitUntilAsync(PingAsync, TimeSpan.FromSeconds(30), $"redis-server on port {Port} answering PING");
    }

    public async Task StopAsync()
    {
        await ProcessRunner.KillAsync(_process);
        _process = null;
    }

    /// <summary>SIGSTOP: the port stays open and connections stay up, but nothing answers until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => ProcessSignals.PauseTreeAsync(_process ?? throw new InvalidOperationException("redis-server is not running"));

    /// <summary>
    /// <c>CLIENT PAUSE ms ALL</c>: the process runs and accepts connections, but no client's command is answered until
    /// the pause expires by itself (a paused server refuses <c>CLIENT UNPAUSE</c> too).
    /// </summary>
    public async Task PauseClientsAsync(TimeSpan duration)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        var ms = ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"CLIENT PAUSE {ms} ALL\r\n"));
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        var answer = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        if (!answer.StartsWith("+OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"CLIENT PAUSE answered {answer.Trim()}");
        }
    }

    public Task ResumeAsync() => ProcessSignals.ResumeTreeAsync(_process ?? throw new InvalidOperationException("redis-server is not running"));

    public Task DisposeAsync() => StopAsync();

    private async Task<bool> PingAsync()
    {
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
