using System.Globalization;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// A directory laid out as the kubelet lays out a Secret volume: each key a link <c>tls.crt -&gt; ..data/tls.crt</c>,
/// <c>..data</c> a link to a timestamped directory, and an update a new directory whose link is renamed over
/// <c>..data</c> in one step. The links the reader was given never change; what they lead to does.
/// </summary>
public sealed class SecretVolume
{
    private const string DataLink = "..data";

    private int _version;

    public SecretVolume(string path)
    {
        Path = Directory.CreateDirectory(path).FullName;
    }

    public string Path { get; }

    /// <summary>Publishes a new version of the Secret's <c>tls.crt</c> and <c>tls.key</c>, as one atomic update.</summary>
    public async Task PublishAsync(string certificatePem, string keyPem)
    {
        var version = string.Create(CultureInfo.InvariantCulture, $"..2026_12_07_00_00_{++_version:D2}.{Environment.ProcessId}");
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(Path, version)).FullName;
        await File.WriteAllTextAsync(System.IO.Path.Combine(directory, "tls.crt"), certificatePem);
        await File.WriteAllTextAsync(System.IO.Path.Combine(directory, "tls.key"), keyPem);

        var staged = System.IO.Path.Combine(Path, "..data_tmp");
        File.CreateSymbolicLink(staged, version);
        // rename(2) of the link itself, as the kubelet does (File.Move follows a link to a directory and refuses it).
        await ProcessRunner.RunAsync("mv", ["--no-target-directory", staged, System.IO.Path.Combine(Path, DataLink)]);
        foreach (var key in new[] { "tls.crt", "tls.key" })
        {
            var link = System.IO.Path.Combine(Path, key);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, $"{DataLink}/{key}");
            }
        }
    }
}
