using HealthGate.Secrets;

namespace HealthGate.Acknowledgements;

/// <summary>
/// Fills the book from the store before the service serves, so an acknowledgement outlives a restart. A store that
/// cannot be read leaves the book empty: notifications then go out unsilenced, the side that fails safe.
/// </summary>
internal sealed class AcknowledgementLoader(AcknowledgementBook book, SecretRedactor redactor, TimeProvider time, ILogger<AcknowledgementLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await book.ReloadAsync(cancellationToken);
            var count = book.Current(time.GetUtcNow()).Count;
            AcknowledgementsLog.Loaded(logger, count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AcknowledgementsLog.LoadFailed(logger, redactor.Describe(ex));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
