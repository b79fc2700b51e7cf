using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace HealthGate.Dashboard;

/// <summary>
/// Writes <c>text/event-stream</c> from one subscription until the client leaves or the host stops, with a comment
/// line as heartbeat whenever nothing happened for <see cref="Heartbeat"/>, so idle proxies keep the stream open.
/// Written by hand: the framework's SSE result has no comment lines.
/// </summary>
internal sealed class EventStreamResult(EventSubscription subscription, TimeProvider time, Action closed, CancellationToken stopping) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    public static TimeSpan Heartbeat { get; } = TimeSpan.FromSeconds(5);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var _ = subscription;
        try
        {
            var response = httpContext.Response;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);
            await WriteAsync(response, "retry: 2000\n: connected\n\n", ending.Token);
            while (!ending.IsCancellationRequested)
            {
                using var beat = new CancellationTokenSource(Heartbeat, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ending.Token, beat.Token);
                try
                {
                    if (!await subscription.Reader.WaitToReadAsync(wait.Token))
                    {
                        return;
                    }

                    var text = new StringBuilder();
                    while (subscription.Reader.TryRead(out var item))
                    {
                        text.Append("event: ").Append(item.Type).Append("\ndata: ").Append(item.Data).Append("\n\n");
                    }

                    await WriteAsync(response, text.ToString(), ending.Token);
                }
                catch (OperationCanceledException) when (beat.IsCancellationRequested && !ending.IsCancellationRequested)
                {
                    await WriteAsync(response, ": heartbeat\n\n", ending.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client left or the host is stopping: the stream ends here, never holding up shutdown.
        }
        catch (IOException)
        {
            // The connection broke mid-write.
        }
        finally
        {
            closed();
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
