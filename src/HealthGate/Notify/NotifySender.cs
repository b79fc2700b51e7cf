using System.Net;
using HealthGate.Secrets;
using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Notify;

/// <summary>
/// One delivery attempt of an outbox row to its target, in the target's format, bounded by <c>TimeoutSeconds</c>:
/// 2xx delivers; 408, 429 (after its <c>Retry-After</c>), 5xx, a timeout or no connection retry with back-off; any
/// other 4xx rejects for good. What it reports names no URL, key or secret.
/// </summary>
internal sealed class NotifySender(IHttpClientFactory clients, IOptions<NotifyOptions> options, SecretRedactor redactor, TimeProvider time)
{
    public const string ClientName = "healthgate-notify";

    public async Task<DeliveryResult> SendAsync(NotifyTarget target, OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(row);
        var message = StoreValues.FromJson<NotifyMessage>(row.Payload);
        using var request = Build(target.Options, message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryResult(NotifyMetrics.Delivered, status, "", TimeSpan.Zero);
            }

            var error = $"HTTP {status}";
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new DeliveryResult(NotifyMetrics.Retry, status, error, DeliveryBackoff.After(row.Attempts, response.Headers.RetryAfter, time.GetUtcNow()));
            }

            return status is >= 500 or (int)HttpStatusCode.RequestTimeout
                ? new DeliveryResult(NotifyMetrics.Retry, status, error, DeliveryBackoff.After(row.Attempts))
                : new DeliveryResult(NotifyMetrics.Rejected, status, error, TimeSpan.Zero);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(NotifyMetrics.Retry, 0, $"no answer within {options.Value.TimeoutSeconds} s", DeliveryBackoff.After(row.Attempts));
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(NotifyMetrics.Retry, 0, redactor.Describe(ex), DeliveryBackoff.After(row.Attempts));
        }
    }

    private HttpRequestMessage Build(NotifyTargetOptions target, NotifyMessage message) => target.Type switch
    {
        NotifyTargetOptions.Alertmanager => AlertmanagerFormat.Request(message, target, options.Value.ReminderInterval),
        NotifyTargetOptions.PagerDuty => PagerDutyFormat.Request(message, target),
        NotifyTargetOptions.Slack => SlackFormat.Request(message, target),
        _ => WebhookFormat.Request(message, target),
    };
}
