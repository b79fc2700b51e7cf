using System.Diagnostics;
using System.Globalization;
using System.Text;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Demo;

/// <summary>samples/HealthGate.DemoBackend as its own process on a free loopback port, as scripts/demo.sh runs it.</summary>
public sealed class DemoBackendProcess : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { DotnetHost.Assembly("HealthGate.DemoBackend.dll"), "--urls", BaseUrl })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the demo backend");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ProcessRunner.WaitUntilAsync(IsServingAsync, TimeSpan.FromSeconds(60), $"the demo backend serving on {BaseUrl}");
    }

    /// <summary>POSTs a fault such as <c>risk-level/CRITICAL</c> and returns the state the backend answers.</summary>
    public async Task<string> FlipAsync(string fault)
    {
        using var response = await Client.PostAsync(new Uri($"/faults/{fault}", UriKind.Relative), content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /faults/{fault}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task<bool> IsServingAsync()
    {
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException($"the demo backend exited with {_process.ExitCode}:\n{Output()}");
        }

        try
        {
            return (await Client.GetAsync(new Uri("/faults", UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
