using System.Globalization;

namespace HealthGate.Storage;

/// <summary>
/// SQLite serves one process: an exclusive lock on <c>&lt;store&gt;.lock</c>, held for the process's lifetime. On
/// Linux a <see cref="FileStream"/> opened with <see cref="FileShare.None"/> takes an advisory <c>flock</c>
/// (non-blocking), which the kernel releases when the process ends however it ends (kill -9 included), so a restart
/// after a crash is never refused. Within one process the lock is shared: the service's tests host several gates
/// on one file in turn, and a process cannot contend with itself.
/// </summary>
internal sealed class SqliteProcessLock : IDisposable
{
    private static readonly Dictionary<string, (FileStream Stream, int Holders)> Held = new(StringComparer.Ordinal);

    private bool _disposed;

    private SqliteProcessLock(string lockFile, bool taken)
    {
        LockFile = lockFile;
        Taken = taken;
    }

    /// <summary>The file whose lock is held: <c>&lt;store&gt;.lock</c>.</summary>
    public string LockFile { get; }

    /// <summary>True when this call took the lock from the OS; false when this process already held it.</summary>
    public bool Taken { get; }

    /// <summary>The lock file of a store: beside it, so whoever finds the store finds why it is held.</summary>
    public static string LockFileOf(string dataFile) => dataFile + ".lock";

    /// <summary>Who holds the lock, written beside it once taken (a refused process cannot open the lock file itself).</summary>
    public static string OwnerFileOf(string dataFile) => dataFile + ".lock.owner";

    /// <summary>Takes the store's lock, or throws one line naming the store and, when it says, the process that holds it.</summary>
    public static SqliteProcessLock Acquire(string dataFile)
    {
        var lockFile = LockFileOf(dataFile);
        lock (Held)
        {
            if (Held.TryGetValue(lockFile, out var held))
            {
                Held[lockFile] = (held.Stream, held.Holders + 1);
                return new SqliteProcessLock(lockFile, taken: false);
            }

            FileStream stream;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
                stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (IsHeldElsewhere(ex))
            {
                throw new InvalidOperationException(
                    $"the SQLite store {dataFile} is held by another HealthGate process ({Owner(dataFile)}; lock file {lockFile}). "
                    + "SQLite serves one process: stop the other one, or use Storage:Provider postgres for several replicas.",
                    ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Fail closed: a store whose lock cannot be taken is not known to be this process's alone.
                throw new InvalidOperationException($"cannot take the lock file {lockFile} of the SQLite store {dataFile}: {ex.Message}", ex);
            }

            Held[lockFile] = (stream, 1);
            WriteOwner(dataFile);
            return new SqliteProcessLock(lockFile, taken: true);
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
            var (stream, holders) = Held[LockFile];
            if (holders > 1)
            {
                Held[LockFile] = (stream, holders - 1);
                return;
            }

            Held.Remove(LockFile);
            stream.Dispose();
        }
    }

    // .NET reports a flock refused with EWOULDBLOCK as a sharing violation; that error is the only sign the lock is held.
    private static bool IsHeldElsewhere(IOException ex) =>
        ex.GetType() == typeof(IOException) && (ex.HResult is SharingViolation or WouldBlock);

    // ERROR_SHARING_VIOLATION as an HRESULT (Windows), and EWOULDBLOCK (EAGAIN, 11 on Linux) as .NET passes an errno on Unix.
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int WouldBlock = 11;

    // Informative only (the lock is the proof), so a store on a full disk is not refused for the note's sake.
    private static void WriteOwner(string dataFile)
    {
        try
        {
            File.WriteAllText(
                OwnerFileOf(dataFile),
                string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.UtcNow:O}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string Owner(string dataFile)
    {
        try
        {
            var owner = File.ReadAllText(OwnerFileOf(dataFile)).Trim();
            return owner.Length == 0 || owner.Contains('\n', StringComparison.Ordinal) ? "process unknown" : owner;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "process unknown";
        }
    }
}
