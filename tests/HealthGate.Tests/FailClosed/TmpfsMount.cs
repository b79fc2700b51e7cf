using System.Globalization;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// A small tmpfs mounted by the test as root, so a store on it meets a real full filesystem (ENOSPC from the kernel),
/// not a simulated one. Mounting needs root with CAP_SYS_ADMIN; <see cref="Unavailable"/> says why it cannot be done.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path)
    {
        Path = path;
    }

    /// <summary>Null when mounting is possible here; otherwise why not (the tests that need it are skipped saying so).</summary>
    public static string? Unavailable { get; } = WhyNot();

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static async Task<TmpfsMount> MountAsync(int sizeMiB)
    {
        var path = Directory.CreateTempSubdirectory("healthgate-tmpfs-").FullName;
        await ProcessRunner.RunAsync("/usr/bin/mount", ["-t", "tmpfs", "-o", $"size={sizeMiB.ToString(CultureInfo.InvariantCulture)}m,mode=0777", "tmpfs", path]);
        return new TmpfsMount(path);
    }

    /// <summary>Writes a file until the kernel answers ENOSPC: nothing on the filesystem can grow any more.</summary>
    public async Task FillAsync()
    {
        var chunk = new byte[64 * 1024];
        try
        {
            await using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            while (true)
            {
                await filler.WriteAsync(chunk);
            }
        }
        catch (IOException)
        {
        }

        // Any bytes the 64 KiB writes left over, taken a page at a time.
        try
        {
            await using var rest = new FileStream(Filler + ".rest", FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            while (true)
            {
                await rest.WriteAsync(chunk.AsMemory(0, 4096));
            }
        }
        catch (IOException)
        {
        }
    }

    public void Free()
    {
        File.Delete(Filler);
        File.Delete(Filler + ".rest");
    }

    public async ValueTask DisposeAsync()
    {
        // Lazy: a file still open (a process that outlived its test) does not keep the mount.
        await ProcessRunner.RunAsync("/usr/bin/umount", ["-l", Path]);
        Directory.Delete(Path, recursive: true);
    }

    private static string? WhyNot()
    {
        if (!Binaries.IsRoot)
        {
            return $"mounting a tmpfs needs root; these tests run as '{Environment.UserName}'";
        }

        if (!File.Exists("/usr/bin/mount") || !File.Exists("/usr/bin/umount"))
        {
            return "mount/umount are not installed (apt-get install -y mount)";
        }

        // CAP_SYS_ADMIN is bit 21 of the effective capabilities; a container may run root without it.
        var effective = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return effective is not null && (ulong.Parse(effective["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << 21)) == 0
            ? "mounting a tmpfs needs CAP_SYS_ADMIN, which this root process does not have"
            : null;
    }
}
