using System.Diagnostics;
using System.Globalization;

namespace HealthGate.Bench.Peers;

/// <summary>
/// <c>seq URL N</c>: N requests one after another on one kept-alive connection, then one line of figures (latency
/// percentiles in ms, requests per second, answers that were not 2xx). wrk cannot stop after N requests without
/// waiting out its duration, which would spoil the rate and the "after N" memory samples.
/// </summary>
internal static class SequentialClient
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(args[0]);
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var elapsed = new double[count];
        var failed = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            elapsed[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                failed++;
            }
        }

        var seconds = total.Elapsed.TotalSeconds;
        Array.Sort(elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT rps={count / seconds:F1} p50_ms={Percentile(elapsed, 50):F3} p95_ms={Percentile(elapsed, 95):F3} p99_ms={Percentile(elapsed, 99):F3} requests={count} non2xx={failed} errors=0"));
        return 0;
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1)];
}
