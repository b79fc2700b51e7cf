using HealthGate.Checks;
using HealthGate.Secrets;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// Creates the schema before the host starts; a store that cannot be prepared stops the start. It runs before the
/// host, not as a hosted service, so its failure is reported as one line instead of the host's stack trace.
/// </summary>
internal sealed class StoreInitializer(IGateStore store, IOptions<StorageOptions> options, SecretRedactor redactor, ILogger<StoreInitializer> logger)
{
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        var location = storage.Describe();
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
}
