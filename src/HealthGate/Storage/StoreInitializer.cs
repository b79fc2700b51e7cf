using HealthGate.Checks;
using HealthGate.Secrets;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// Creates the schema before the host starts; a store that cannot be prepared stops the start. It runs before the
/// host, not as a hosted service, so its failure is reported as one line instead of the host's stack trace.
/// A SQLite store is locked to this process first, until the container disposes this (the process ends).
/// </summary>
internal sealed class StoreInitializer(IGateStore store, IOptions<StorageOptions> options, SecretRedactor redactor, ILogger<StoreInitializer> logger)
    : IDisposable
{
    private SqliteProcessLock? _processLock;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        var location = storage.Describe();
        if (store is SqliteGateStore sqlite && _processLock is null)
        {
            try
            {
                _processLock = SqliteProcessLock.Acquire(sqlite.DataFile);
            }
            catch (InvalidOperationException ex)
            {
                // Before the schema: a second process must not touch a store another one serves.
                throw new InvalidOperationException($"HealthGate:Storage: {ex.Message}", ex);
            }

            if (_processLock.Taken)
            {
                StorageLog.SqliteLocked(logger, sqlite.DataFile, _processLock.LockFile);
            }
        }

        try
        {
            await store.EnsureSchemaAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Named like a configuration error so the start fails with one readable line (and the key to look at).
            throw new InvalidOperationException(
                $"HealthGate:Storage: cannot prepare the {storage.Provider} store at {location}: {redactor.Describe(ex)}");
        }

        StorageLog.Ready(logger, storage.Provider, location);
    }

    public void Dispose() => _processLock?.Dispose();
}
