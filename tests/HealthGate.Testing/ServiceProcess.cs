using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HealthGate.Testing;

/// <summary>
/// The real service as its own process, <c>dotnet HealthGate.Service.dll</c>, for what only a process shows: exit
/// codes, standard output, start-up refusals, a SIGKILL, the image's commands. The content root is the binary's
/// folder, so the shipped appsettings.json beside it applies (it holds no check), then the options' configuration.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _ownDirectory;
    private readonly List<(bool Error, string Line)> _lines = [];

    private ServiceProcess(Process process, string? baseUrl, string? ownDirectory)
    {
        _process = process;
        _ownDirectory = ownDirectory;
        BaseUrl = baseUrl;
        Client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        if (baseUrl is not null)
        {
            Client.BaseAddress = new Uri(baseUrl);
        }
    }

    /// <summary>The built service next to the test binaries (copied there with its runtimeconfig, deps and appsettings).</summary>
    public static string Assembly => typeof(Program).Assembly.Location;

    /// <summary>Where the service listens, on loopback; null when the process is told no URL we can reach.</summary>
    public string? BaseUrl { get; }

    /// <summary>A client on <see cref="BaseUrl"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>util-linux's prlimit, which sets a process's resource limits (it is part of every Debian system).</summary>
    public static string Prlimit => Binaries.Find("prlimit", "util-linux", "/usr/bin");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The process id, e.g. to read what the kernel accounts to the process under /proc.</summary>
    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output and standard error, interleaved as they arrived.</summary>
    public string Output => Join(_ => true);

    public string StandardError => Join(line => line.Error);

    public IReadOnlyList<string> StandardOutputLines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines.Where(l => !l.Error).Select(l => l.Line)];
            }
        }
    }

    /// <summary>Starts the process and returns at once; wait with <see cref="WaitUntilServingAsync"/> or <see cref="WaitForExitAsync"/>.</summary>
    public static ServiceProcess Start(ServiceProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ownDirectory = options.WorkingDirectory is null ? Directory.CreateTempSubdirectory("healthgate-service-").FullName : null;
        // prlimit sets the limit, then execs dotnet in its place: the process id stays the service's.
        var info = new ProcessStartInfo(options.OpenFilesLimit is null ? DotnetHost.Path : Prlimit)
        {
            WorkingDirectory = options.WorkingDirectory ?? ownDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (options.OpenFilesLimit is { } openFiles)
        {
            info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--nofile={openFiles}:{openFiles}"));
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(DotnetHost.Path);
        }

        info.ArgumentList.Add(Assembly);
        // The runner's own settings must never configure the service under test.
        foreach (var key in info.Environment.Keys.Where(k => IsRunnerSetting(k, options.LikeTheImage)).ToList())
        {
            info.Environment.Remove(key);
        }

        string? baseUrl;
        if (options.LikeTheImage)
        {
            baseUrl = options.Environment.TryGetValue("Urls", out var urls) ? Loopback(urls) : null;
        }
        else
        {
            baseUrl = options.Urls ?? $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add(baseUrl);
            if (options.ConfigFile is not null)
            {
                info.ArgumentList.Add("--config");
                info.ArgumentList.Add(options.ConfigFile);
            }

            info.Environment["ASPNETCORE_ENVIRONMENT"] = options.EnvironmentName;
        }

        foreach (var arg in options.Arguments)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in options.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var service = new ServiceProcess(process, baseUrl, ownDirectory);
        process.OutputDataReceived += (_, e) => service.Keep(error: false, e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(error: true, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Starts the process and waits until it serves /health/live.</summary>
    public static async Task<ServiceProcess> StartServingAsync(ServiceProcessOptions options)
    {
        var service = Start(options);
        try
        {
            await service.WaitUntilServingAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public Task WaitUntilServingAsync() => ProcessRunner.WaitUntilAsync(
        async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {_process.ExitCode} before serving:\n{Output}");
            }

            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await Client.GetAsync(new Uri("/health/live", UriKind.Relative), cts.Token);
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                return false;
            }
        },
        TimeSpan.FromSeconds(60),
        $"the service serving /health/live on {BaseUrl}");

    /// <summary>Waits for a line containing <paramref name="text"/>; fails at once if the process exits without printing it.</summary>
    public Task WaitForOutputAsync(string text) => ProcessRunner.WaitUntilAsync(
        () =>
        {
            var found = Output.Contains(text, StringComparison.Ordinal);
            return !found && _process.HasExited
                ? throw new InvalidOperationException($"the service exited with {_process.ExitCode} without printing '{text}':\n{Output}")
                : Task.FromResult(found);
        },
        TimeSpan.FromSeconds(60),
        $"'{text}' in the service's output");

    /// <summary>Waits for the process to end by itself (a refused start) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            // Also waits until both redirected streams are read to their end.
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the service did not exit within {timeout.TotalSeconds:F0} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no disposal; what is on disk is all that survives.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        if (_ownDirectory is not null)
        {
            Directory.Delete(_ownDirectory, recursive: true);
        }
    }

    // Settings a test runner's environment may carry: HealthGate's own always; like the image, also ASP.NET's and URLs.
    private static bool IsRunnerSetting(string key, bool likeTheImage) =>
        key.StartsWith("HealthGate__", StringComparison.OrdinalIgnoreCase)
        || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || (likeTheImage && (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
            || key.StartsWith("DOTNET_URLS", StringComparison.OrdinalIgnoreCase)
            || key.Equals("URLS", StringComparison.OrdinalIgnoreCase)));

    // http://+:8080 listens on every interface; a client reaches it on loopback.
    private static string Loopback(string urls) =>
        urls.Split(';')[0].Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal);

    private string Join(Func<(bool Error, string Line), bool> which)
    {
        lock (_lines)
        {
            return new StringBuilder().AppendJoin('\n', _lines.Where(which).Select(l => l.Line)).ToString();
        }
    }

    private void Keep(bool error, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add((error, line));
        }
    }
}
