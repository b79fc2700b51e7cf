using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace HealthGate.Testing;

/// <summary>
/// A real RabbitMQ node (Debian's rabbitmq-server) on free loopback ports, everything it writes in a temporary
/// directory: its own epmd, node name, Mnesia and log directories, config file and Erlang cookie (HOME). The server
/// script is called directly, not through Debian's wrapper, which would switch to the rabbitmq user and its fixed
/// directories. It boots in seconds, not milliseconds, so share one per test class (a class fixture); a test may stop
/// and start it again on the same port, or freeze it with SIGSTOP, and must leave it running.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    public const string User = "gate";
    public const string Password = "rabbit-Secret-93k";
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"healthgate-rabbitmq-{Guid.NewGuid():N}");
    private readonly string _nodeName = $"healthgate-{Guid.NewGuid().ToString("N")[..8]}@localhost";
    private readonly int _distPort = FreePort.Next();
    private readonly int _epmdPort = FreePort.Next();
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _epmd;
    private Process? _server;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"amqp://{User}:{Password}@127.0.0.1:{Port}/";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq.conf"), $"""
            default_user = {User}
            default_pass = {Password}
            listeners.tcp.default = 127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}
            """);
        // An empty environment file, so /etc/rabbitmq/rabbitmq-env.conf cannot move the node elsewhere.
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq-env.conf"), "");

        // Our own epmd, a child of the test process: one the node started itself would daemonise and outlive the tests.
        var epmd = Binaries.Find("epmd", "erlang-base", "/usr/lib/erlang/bin");
        _epmd = ProcessRunner.Start(epmd, ["-port", _epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"], redirect: false);
        await ProcessRunner.WaitUntilAsync(() => AcceptsAsync(_epmdPort), TimeSpan.FromSeconds(30), $"epmd on port {_epmdPort}");
        await StartAsync();
    }

    public async Task StartAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"'{ServerScript}' was not found. Install it: apt-get install -y rabbitmq-server");
        }

        var info = new ProcessStartInfo(ServerScript) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in Environment())
        {
            info.Environment[key] = value;
        }

        _output.Clear();
        _server = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {ServerScript}");
        _server.OutputDataReceived += (_, e) => Keep(e.Data);
        _server.ErrorDataReceived += (_, e) => Keep(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await ProcessRunner.WaitUntilAsync(SpeaksAmqpAsync, TimeSpan.FromSeconds(120), $"RabbitMQ on port {Port} answering the AMQP header");
    }

    /// <summary>SIGTERM to the server script, which stops the node cleanly and waits for it; the port is closed after.</summary>
    public async Task StopAsync()
    {
        if (_server is { HasExited: false })
        {
            await ProcessRunner.RunAsync("/bin/kill", ["-TERM", _server.Id.ToString(CultureInfo.InvariantCulture)]);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _server.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync();
            }
        }

        _server?.Dispose();
        _server = null;
    }

    /// <summary>SIGSTOP to the script and the Erlang VM under it: the port stays open, the kernel accepts, nothing answers.</summary>
    public Task PauseAsync() => ProcessSignals.PauseTreeAsync(_server ?? throw new InvalidOperationException("rabbitmq-server is not running"));

    public Task ResumeAsync() => ProcessSignals.ResumeTreeAsync(_server ?? throw new InvalidOperationException("rabbitmq-server is not running"));

    /// <summary>Runs <c>rabbitmqctl</c> against this node (e.g. <c>add_user</c>, <c>set_vm_memory_high_watermark 0</c>); throws with its output when it fails.</summary>
    public async Task<string> CtlAsync(params string[] args)
    {
        var (exitCode, output) = await ToolAsync("rabbitmqctl", args);
        return exitCode == 0 ? output : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} exited with {exitCode}: {output}");
    }

    /// <summary>Whether a memory or disk alarm is in effect on the node (<c>rabbitmq-diagnostics check_local_alarms</c> fails then).</summary>
    public async Task<bool> HasAlarmAsync() => (await ToolAsync("rabbitmq-diagnostics", ["check_local_alarms"])).ExitCode != 0;

    public async Task DisposeAsync()
    {
        await StopAsync();
        await ProcessRunner.KillAsync(_epmd);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // The CLI tools find the node through the same environment as the server: its name, its epmd and its cookie (HOME).
    private async Task<(int ExitCode, string Output)> ToolAsync(string tool, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(ServerScript)!, tool)) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(_nodeName);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = _directory,
        ["RABBITMQ_NODENAME"] = _nodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = _distPort.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
        ["RABBITMQ_ENABLED_PLUGINS"] = "",
        // Erlang distribution listens on loopback only, like everything else the tests start.
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
    };

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40 && _output.TryDequeue(out _))
        {
        }
    }

    // The broker answers a protocol header with connection.start, a method frame (type 1): it is serving AMQP.
    private async Task<bool> SpeaksAmqpAsync()
    {
        if (_server is { HasExited: true })
        {
            throw new InvalidOperationException($"rabbitmq-server exited with code {_server.ExitCode}: {string.Join('\n', _output)}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray());
            var frame = new byte[1];
            return await stream.ReadAsync(frame) == 1 && frame[0] == 1;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
