using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// The real HealthGate service as its own process — the built HealthGate.dll with <c>--config</c> and <c>--urls</c> —
/// on a free loopback port, started in an empty directory so only the test's configuration applies.
/// </summary>
internal sealed class GateProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();

    private GateProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string Url { get; }

    /// <summary>Starts the service with <c>{"HealthGate": section}</c> as its config file and waits until it serves.</summary>
    public static async Task<GateProcess> StartAsync(object section)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"healthgate-gate-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "gate.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object> { ["HealthGate"] = section }));
        var port = FreePort.Next();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { ServiceDll(), "--config", config, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
            Environment = { ["Logging__LogLevel__Default"] = "Warning", ["ASPNETCORE_ENVIRONMENT"] = "Testing" },
        };
        var gate = new GateProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start the HealthGate service"), directory, port);
        gate._process.OutputDataReceived += (_, e) => gate.Keep(e.Data);
        gate._process.ErrorDataReceived += (_, e) => gate.Keep(e.Data);
        gate._process.BeginOutputReadLine();
        gate._process.BeginErrorReadLine();
        await ProcessRunner.WaitUntilAsync(gate.IsServingAsync, TimeSpan.FromSeconds(90), $"HealthGate serving on {gate.Url}");
        return gate;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string ServiceDll()
    {
        var path = typeof(GateProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "HealthGateServiceDll").Value!;
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new InvalidOperationException($"the service is not built at {path}: run dotnet build first");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 100 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task<bool> IsServingAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"the HealthGate service exited with code {_process.ExitCode}:\n{string.Join('\n', _output)}");
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(new Uri(Url + "/health/live"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
