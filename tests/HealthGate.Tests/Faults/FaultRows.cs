using System.Globalization;
using System.Text;
using HealthGate.Checks;

namespace HealthGate.Tests.Faults;

/// <summary>
/// One fault of one dependency: the check it breaks, that check's tier, the reason it must show, how to inject the
/// fault and how to clear it. A null <see cref="Clear"/> is a fault that cannot clear while the service runs.
/// </summary>
public sealed record FaultRow(string Check, string Tier, string Reason, Func<FaultDesk, Task> Inject, Func<FaultDesk, Task>? Clear)
{
    public string Verdict => Tier == "P0" ? "P0_FAIL" : "P1_FAIL";

    /// <summary>When set, what the service may allocate on its heap during the faulty run (<c>dotnet_gc_allocated_bytes_total</c>).</summary>
    public long? MaxAllocatedBytes { get; init; }
}

/// <summary>The rows, keyed <c>dependency/fault</c> as docs/fail-closed.md lists them.</summary>
public static class FaultRows
{
    /// <summary>Long enough to outlast a preflight and its probes on a loaded machine; it then expires by itself.</summary>
    public static readonly TimeSpan ClientPause = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Trickle = TimeSpan.FromMilliseconds(20);

    // A risk document that is healthy when read to its end: the rows that cut, trickle, bloat or wrap it in a 500
    // would be GO if the gate waited for, buffered or guessed the rest of it.
    private static readonly byte[] Healthy = Encoding.UTF8.GetBytes(FaultDesk.HealthyRisk);

    // The same document padded with JSON whitespace to 200 bytes: about 4 s at the trickle's pace, five timeouts.
    private static readonly byte[] HealthyPadded = Encoding.UTF8.GetBytes(FaultDesk.HealthyRisk.PadRight(200));

    public static IReadOnlyDictionary<string, FaultRow> All { get; } = new Dictionary<string, FaultRow>
    {
        ["postgres/stopped"] = new("postgres", "P0", Reasons.Unreachable, d => d.Postgres.StopAsync(), d => d.Postgres.StartAsync()),
        ["postgres/sigstop"] = new("postgres", "P0", Reasons.Timeout, d => d.Postgres.PauseAsync(), d => d.Postgres.ResumeAsync()),
        ["redis/stopped"] = new("redis", "P0", Reasons.Unreachable, d => d.Redis.StopAsync(), d => d.Redis.StartAsync()),
        ["redis/sigstop"] = new("redis", "P0", Reasons.Timeout, d => d.Redis.PauseAsync(), d => d.Redis.ResumeAsync()),
        ["redis/client-pause"] = new("redis", "P0", Reasons.Timeout, d => d.Redis.PauseClientsAsync(ClientPause), _ => Task.CompletedTask),
        ["http/refused"] = Http(Reasons.Unreachable, d => d.Risk.Refuse()),
        ["http/hang"] = Http(Reasons.Timeout, (_, token) => Task.Delay(Timeout.Infinite, token)),
        ["http/empty-reply"] = Http(Reasons.Unreachable, (_, _) => Task.CompletedTask),
        ["http/trickle-headers"] = Http(Reasons.Timeout, async (stream, token) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\n"u8.ToArray(), token);
            await RawHttpTarget.TrickleAsync(stream, Encoding.ASCII.GetBytes("Content-Type: application/json\r\n" + new string('x', 10_000)), Trickle, token);
        }),
        ["http/trickle-body"] = Http(Reasons.Timeout, async (stream, token) =>
        {
            await stream.WriteAsync(RawHttpTarget.Head(200, $"Content-Type: application/json\r\nContent-Length: {HealthyPadded.Length.ToString(CultureInfo.InvariantCulture)}\r\n"), token);
            await RawHttpTarget.TrickleAsync(stream, HealthyPadded, Trickle, token);
        }),
        ["http/500"] = Http(Reasons.UnexpectedStatus, Write(RawHttpTarget.Response(500, "application/json", FaultDesk.HealthyRisk))),
        ["http/garbage"] = Http(Reasons.InvalidResponse, async (stream, token) =>
        {
            // Another service on the port: an SSH banner, then silence.
            await stream.WriteAsync("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray(), token);
            await Task.Delay(Timeout.Infinite, token);
        }),
        ["http/html"] = Http(Reasons.InvalidResponse, Write(RawHttpTarget.Response(200, "text/html", "<!DOCTYPE html><html><body><h1>NORMAL</h1></body></html>"))),
        ["http/50mb"] = Http(Reasons.InvalidResponse, async (stream, token) =>
        {
            await stream.WriteAsync(RawHttpTarget.Head(200, $"Content-Type: application/json\r\nContent-Length: {FiftyMegabytes.ToString(CultureInfo.InvariantCulture)}\r\n"), token);
            await WritePaddedAsync(stream, FiftyMegabytes, chunked: false, token);
        }) with
        { MaxAllocatedBytes = BoundedRead },
        ["http/50mb-chunked"] = Http(Reasons.InvalidResponse, async (stream, token) =>
        {
            await stream.WriteAsync(RawHttpTarget.Head(200, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"), token);
            await WritePaddedAsync(stream, FiftyMegabytes, chunked: true, token);
        }) with
        { MaxAllocatedBytes = BoundedRead },
        ["http/close-mid-body"] = Http(Reasons.Unreachable, async (stream, token) =>
        {
            await stream.WriteAsync(RawHttpTarget.Head(200, $"Content-Type: application/json\r\nContent-Length: {Healthy.Length.ToString(CultureInfo.InvariantCulture)}\r\n"), token);
            await stream.WriteAsync(Healthy.AsMemory(0, Healthy.Length / 2), token);
        }),
        ["exchange/clock-ahead"] = new("exchange", "P1", Reasons.ClockSkew, Skew(1500), Skew(0)),
        ["exchange/clock-behind"] = new("exchange", "P1", Reasons.ClockSkew, Skew(-5000), Skew(0)),
        ["dns/unresolvable"] = new("execution", "P1", Reasons.Unreachable, _ => Task.CompletedTask, Clear: null),
    };

    private const int FiftyMegabytes = 50 * 1024 * 1024;

    // The 4 MiB cap read into a growing buffer is about 8 MiB; the whole 50 MiB body read would be 50 MiB and more.
    private const long BoundedRead = 24L * 1024 * 1024;

    private static FaultRow Http(string reason, Action<FaultDesk> inject) => new("risk", "P0", reason, d =>
    {
        inject(d);
        return Task.CompletedTask;
    }, SetHealthy);

    private static FaultRow Http(string reason, Func<Stream, CancellationToken, Task> answer) => Http(reason, d => d.Risk.Answer(answer));

    private static Task SetHealthy(FaultDesk desk)
    {
        desk.SetHealthy();
        return Task.CompletedTask;
    }

    private static Func<Stream, CancellationToken, Task> Write(byte[] bytes) => (stream, token) => stream.WriteAsync(bytes, token).AsTask();

    private static Func<FaultDesk, Task> Skew(int ms) => d =>
    {
        d.ServeTime(TimeSpan.FromMilliseconds(ms));
        return Task.CompletedTask;
    };

    // The healthy document, then JSON whitespace up to the size: valid and healthy, if anyone read all of it.
    private static async Task WritePaddedAsync(Stream stream, int size, bool chunked, CancellationToken token)
    {
        var padding = new byte[64 * 1024];
        Array.Fill(padding, (byte)' ');
        await WriteChunkAsync(stream, Healthy, chunked, token);
        for (var written = Healthy.Length; written < size; written += padding.Length)
        {
            await WriteChunkAsync(stream, padding.AsMemory(0, Math.Min(padding.Length, size - written)), chunked, token);
        }

        if (chunked)
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token);
        }
    }

    private static async Task WriteChunkAsync(Stream stream, ReadOnlyMemory<byte> bytes, bool chunked, CancellationToken token)
    {
        if (chunked)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length.ToString("x", CultureInfo.InvariantCulture)}\r\n"), token);
        }

        await stream.WriteAsync(bytes, token);
        if (chunked)
        {
            await stream.WriteAsync("\r\n"u8.ToArray(), token);
        }
    }
}
