using System.Diagnostics;
using System.Text;

namespace HealthGate.Tests.Deploy;

/// <summary>
/// The service run the way the image runs it: the ENTRYPOINT's <c>dotnet HealthGate.Service.dll</c> from a working
/// directory of its own, reading the appsettings.json beside the binary, with the image's ENV and nothing else of ASP.NET's.
/// </summary>
internal sealed class ImageLikeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly DirectoryInfo _workingDirectory;

    private ImageLikeProcess(Process process, DirectoryInfo workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

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

    public static ImageLikeProcess Start(ImageFacts image, IReadOnlyDictionary<string, string> environment)
    {
        var directory = Directory.CreateTempSubdirectory("healthgate-image-");
        // The ENTRYPOINT must name the assembly the service project really builds, not a name it used to have.
        Assert.Equal(["dotnet", Path.GetFileName(typeof(Program).Assembly.Location)], image.Entrypoint);
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.FullName,
        };
        info.ArgumentList.Add(DotnetHost.Assembly(image.Entrypoint[1]));
        foreach (var key in info.Environment.Keys.Where(IsHostSetting).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new ImageLikeProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start the service"), directory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _workingDirectory.Delete(recursive: true);
    }

    // Settings the test runner's environment may carry that the container's would not.
    private static bool IsHostSetting(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_URLS", StringComparison.OrdinalIgnoreCase)
        || key.Equals("URLS", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("HealthGate__", StringComparison.OrdinalIgnoreCase);

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
