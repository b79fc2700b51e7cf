using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HealthGate.Tests.Infrastructure;

/// <summary>
/// The real service as its own process (<c>dotnet HealthGate.dll --urls ... --config ...</c>), started in a working
/// directory of the test's: the shipped appsettings.json beside the binary applies (it holds no check), then the test's desk file.
/// </summary>
public sealed class SpawnedService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SpawnedService(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the process; call <see cref="WaitUntilServingAsync"/> or <see cref="WaitForExitAsync"/> next.</summary>
    public static SpawnedService Start(string workingDirectory, string configPath)
    {
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { ServiceAssembly(), "--urls", baseUrl, "--config", configPath })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info };
        var service = new SpawnedService(process, baseUrl);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
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
                return (await Client.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        },
        TimeSpan.FromSeconds(60),
        $"the spawned service serving /health/live on {BaseUrl}");

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>SIGKILL: no shutdown, no flush, no disposal; what is on disk is all that survives.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
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
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>The HealthGate.dll built with the tests (copied next to them with its runtimeconfig and deps).</summary>
    private static string ServiceAssembly() => typeof(Program).Assembly.Location;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
