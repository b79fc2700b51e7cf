using System.Globalization;

namespace HealthGate.Storage;

/// <summary>
/// SQLite serves one process: an exclusive lock on <c>&lt;store&gt;.lock</c>, held for the process's lifetime. On
/// Linux a <see cref="FileStream"/> opened with <see cref="FileShare.None"/> takes an advisory <c>flock</c>, which the
/// kernel releases when the process ends however it ends (kill -9 included), so a restart after a crash is never
/// refused. Within one process the lock is shared (the service's tests host several gates on one file in turn).
/// </summary>
internal sealed class SqliteProcessLock : IDisposable
{
    private static readonly Dictionary<string, (FileStream Stream, int Holders)> Held = new(StringComparer.Ordinal);

    private readonly string _lockFile;
    private bool _disposed;

    private SqliteProcessLock(string lockFile) => _lockFile = lockFile;

    /// <summary>The lock file of a store: beside it, so whoever finds the store finds why it is held.</summary>
    public static string LockFileOf(string dataFile) => dataFile + ".lock";

    /// <summary>Who holds the lock, written beside it once taken (the lock file itself cannot be read by a refused process).</summary>
    public static string OwnerFileOf(string dataFile) => dataFile + ".lock.owner";

    /// <summary>Takes the store's lock, or throws naming the file and, when it says, the process that holds it.</summary>
    public static SqliteProcessLock Acquire(string dataFile)
    {
        var lockFile = LockFileOf(dataFile);
        lock (Held)
        {
            if (Held.TryGetValue(lockFile, out var held))
            {
                Held[lockFile] = (held.Stream, held.Holders + 1);
                return new SqliteProcessLock(lockFile);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
            FileStream stream;
            try
            {
                stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException(
                    $"the SQLite store {dataFile} is in use by another process ({Owner(dataFile)}; its lock {lockFile} is held). "
                    + "SQLite serves one process: stop the other one, or use Storage:Provider postgres for several replicas.",
                    ex);
            }

            Held[lockFile] = (stream, 1);
            File.WriteAllText(
                OwnerFileOf(dataFile),
                string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.UtcNow:O}"));
            return new SqliteProcessLock(lockFile);
        }
    }

    private static string Owner(string dataFile)
    {
        try
        {
            var owner = File.ReadAllText(OwnerFileOf(dataFile)).Trim();
            return owner.Length == 0 ? "process unknown" : owner;
        }
        catch (IOException)
        {
            return "process unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "process unknown";
        }
    }

    public void Dispose()
    {
        lock (Held)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            var (stream, holders) = Held[_lockFile];
            if (holders > 1)
            {
                Held[_lockFile] = (stream, holders - 1);
                return;
            }

            Held.Remove(_lockFile);
            stream.Dispose();
        }
    }
}
