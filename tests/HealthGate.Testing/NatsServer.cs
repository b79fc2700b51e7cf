using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace HealthGate.Testing;

/// <summary>
/// A real nats-server on a free loopback port, optionally requiring a user and password, which a test can stop and
/// start again on the same port, or freeze with SIGSTOP. <see cref="Users"/> adds users with restricted rights; the
/// server then reads a configuration file of its own.
/// </summary>
public sealed class NatsServer(string? user = null, string? password = null) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"healthgate-nats-{Guid.NewGuid():N}");
    private Process? _process;

    /// <summary>Further users, beside the one given to the constructor; set before the server starts.</summary>
    public IList<NatsUser> Users { get; } = [];

    public int Port { get; } = FreePort.Next();

    /// <summary>The URL without credentials.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>The URL with the server's user and password in its user info (when it has them).</summary>
    public string UrlWithCredentials => user is null ? Url : $"nats://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password ?? "")}@127.0.0.1:{Port}";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var nats = Binaries.Find("nats-server", "nats-server", "/usr/sbin");
        List<string> args = ["--addr", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture)];
        if (Users.Count > 0)
        {
            args.AddRange(["--config", await WriteConfigAsync()]);
        }
        else if (user is not null)
        {
            args.AddRange(["--user", user, "--pass", password ?? ""]);
        }

        _process = ProcessRunner.Start(nats, args, redirect: false);
        await ProcessRunner.WaitUntilAsync(SendsInfoAsync, TimeSpan.FromSeconds(30), $"nats-server on port {Port} sending INFO");
    }

    public async Task StopAsync()
    {
        await ProcessRunner.KillAsync(_process);
        _process = null;
    }

    /// <summary>SIGSTOP: the port stays open and the kernel still accepts connections, but nothing answers until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => ProcessSignals.PauseTreeAsync(_process ?? throw new InvalidOperationException("nats-server is not running"));

    public Task ResumeAsync() => ProcessSignals.ResumeTreeAsync(_process ?? throw new InvalidOperationException("nats-server is not running"));

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>An authorization block listing every user; a right a user lacks is denied on every subject (<c>&gt;</c>).</summary>
    private async Task<string> WriteConfigAsync()
    {
        Directory.CreateDirectory(_directory);
        var users = (user is null ? Users : [new NatsUser(user, password ?? ""), .. Users]).Select(u =>
        {
            var denied = new[] { u.MayPublish ? null : "publish: {deny: \">\"}", u.MaySubscribe ? null : "subscribe: {deny: \">\"}" }.OfType<string>().ToArray();
            var permissions = denied.Length == 0 ? "" : $", permissions: {{{string.Join(", ", denied)}}}";
            return $"    {{user: {Quote(u.Name)}, password: {Quote(u.Password)}{permissions}}}";
        });
        var file = Path.Combine(_directory, "nats.conf");
        await File.WriteAllTextAsync(file, $"authorization {{\n  users = [\n{string.Join("\n", users)}\n  ]\n}}\n");
        return file;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private async Task<bool> SendsInfoAsync()
    {
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException($"nats-server exited with code {_process.ExitCode}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var buffer = new byte[5];
            var read = await client.GetStream().ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read) == "INFO ";
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
