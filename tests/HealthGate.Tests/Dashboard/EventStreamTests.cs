using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Threading.Channels;
using HealthGate.Dashboard;
using HealthGate.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Dashboard;

/// <summary>GET /events: what it streams, its heartbeat, its bounds, and that it ends when the host stops.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task APreflightIsStreamedAsARunEventWithItsRunId()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/events", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamResult.ContentType));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(EventStreamResult.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 2000", await reader.ReadLineAsync());

        var preflight = await client.GetStringAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        var runId = System.Text.Json.JsonDocument.Parse(preflight).RootElement.GetProperty("runId").GetString()!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? previous = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (previous == "event: run" && line.Contains(runId, StringComparison.Ordinal))
            {
                Assert.StartsWith("data: {\"source\":\"preflight\"", line, StringComparison.Ordinal);
                Assert.Contains("\"verdict\":\"PASS\"", line, StringComparison.Ordinal);
                return;
            }

            previous = line;
        }

        Assert.Fail("the stream ended without the run event");
    }

    [Fact]
    public async Task AnIdleStreamSendsACommentHeartbeatAndEndsWhenTheHostStops()
    {
        var time = new FakeTimeProvider();
        var events = new DashboardEvents();
        using var stopping = new CancellationTokenSource();
        var pipe = new Pipe();
        var context = new DefaultHttpContext();
        context.Response.Body = pipe.Writer.AsStream();
        var closed = 0;
        var result = new EventStreamResult(events.TrySubscribe()!, time, () => closed++, stopping.Token);
        var streaming = result.ExecuteAsync(context);
        var lines = ReadLines(pipe.Reader.AsStream());

        Assert.Equal(["retry: 2000", ": connected", ""], [await NextAsync(lines), await NextAsync(lines), await NextAsync(lines)]);
        events.Publish(new DashboardEvent(DashboardEvent.Check, "{\"name\":\"redis\"}"));
        Assert.Equal(["event: check", "data: {\"name\":\"redis\"}", ""], [await NextAsync(lines), await NextAsync(lines), await NextAsync(lines)]);

        // The stream arms its heartbeat timer when it waits again; advance the fake clock until a beat comes out.
        string? beat = null;
        await ProcessRunner.WaitUntilAsync(
            async () =>
            {
                time.Advance(EventStreamResult.Heartbeat);
                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                try
                {
                    beat = await lines.ReadAsync(wait.Token);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(10),
            "a heartbeat line");
        Assert.Equal(": heartbeat", beat);

        await stopping.CancelAsync();
        await streaming.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, closed);
        Assert.Equal(0, events.Count);
        Assert.Equal(EventStreamResult.ContentType, context.Response.ContentType);
    }

    private static ChannelReader<string> ReadLines(Stream stream)
    {
        var lines = Channel.CreateUnbounded<string>();
        _ = Task.Run(async () =>
        {
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                await lines.Writer.WriteAsync(line);
            }

            lines.Writer.Complete();
        });
        return lines.Reader;
    }

    private static async Task<string> NextAsync(ChannelReader<string> lines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await lines.ReadAsync(timeout.Token);
    }

    [Fact]
    public void StreamsAreBoundedInNumberAndASlowReaderLosesItsOldestEvents()
    {
        var events = new DashboardEvents();
        var streams = Enumerable.Range(0, DashboardEvents.MaxStreams).Select(_ => events.TrySubscribe()).ToList();
        Assert.All(streams, Assert.NotNull);
        Assert.Null(events.TrySubscribe());

        streams[0]!.Dispose();
        using var slow = events.TrySubscribe();
        Assert.NotNull(slow);
        for (var i = 0; i < DashboardEvents.QueueLength + 10; i++)
        {
            events.Publish(new DashboardEvent(DashboardEvent.Run, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(DashboardEvents.QueueLength, slow.Reader.Count);
        Assert.True(slow.Reader.TryRead(out var oldest));
        Assert.Equal("10", oldest.Data);
        foreach (var stream in streams.Skip(1))
        {
            stream!.Dispose();
        }
    }

    [Fact]
    public async Task AStreamOverTheBoundIsRefusedWith503AndItsConnectionClosed()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        var events = app.Services.GetRequiredService<DashboardEvents>();
        var held = Enumerable.Range(0, DashboardEvents.MaxStreams).Select(_ => events.TrySubscribe()).ToList();

        using var response = await client.GetAsync(new Uri("/events", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Closed, so a page that keeps reconnecting cannot hold connections the probes need; told when to try again.
        Assert.True(response.Headers.ConnectionClose);
        Assert.Equal(TimeSpan.FromSeconds(int.Parse(DashboardApi.RefusedRetryAfterSeconds, System.Globalization.CultureInfo.InvariantCulture)), response.Headers.RetryAfter?.Delta);
        foreach (var stream in held)
        {
            stream!.Dispose();
        }
    }

    [Fact]
    public void RefusedStreamsAreLoggedAtOnceThenCountedOncePerReportPeriod()
    {
        var time = new FakeTimeProvider();
        var refusals = new StreamRefusals(time);

        Assert.Equal(1, refusals.Refuse());
        Assert.All(Enumerable.Range(0, 500).Select(_ => refusals.Refuse()), n => Assert.Equal(0, n));
        time.Advance(StreamRefusals.ReportEvery);
        Assert.Equal(501, refusals.Refuse());
        Assert.Equal(0, refusals.Refuse());
    }
}
