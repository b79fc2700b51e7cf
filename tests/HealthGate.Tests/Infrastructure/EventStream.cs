using System.Net.Http.Headers;
using HealthGate.Dashboard;

namespace HealthGate.Tests.Infrastructure;

/// <summary><c>/events</c> as a live page reads it: opened with the event-stream media type, then read event by event.</summary>
internal static class EventStream
{
    public static async Task<StreamReader> OpenAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/events", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamResult.ContentType));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 2000", await reader.ReadLineAsync());
        return reader;
    }

    /// <summary>The data of the next event of <paramref name="type"/> whose data matches, within 20 s.</summary>
    public static async Task<string> NextAsync(StreamReader reader, string type, Func<string, bool>? match = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? previous = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (previous == $"event: {type}" && line.StartsWith("data: ", StringComparison.Ordinal) && (match is null || match(line["data: ".Length..])))
            {
                return line["data: ".Length..];
            }

            previous = line;
        }

        throw new InvalidOperationException($"the stream ended before a matching {type} event");
    }
}
