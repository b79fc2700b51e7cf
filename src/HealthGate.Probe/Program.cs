// The container HEALTHCHECK: GET one URL, exit 0 on a 2xx answer and 1 on anything else.
// It exists because the aspnet runtime image has neither curl nor wget, and exec-form needs no shell.
using System.Globalization;

if (args.Length is < 1 or > 2
    || !Uri.TryCreate(args[0], UriKind.Absolute, out var url)
    || !TryParseSeconds(args.Length == 2 ? args[1] : "3", out var timeout))
{
    await Console.Error.WriteLineAsync("usage: HealthGate.Probe URL [TIMEOUT_SECONDS]");
    return 1;
}

// No proxy: the probe targets the container's own loopback, whatever HTTP_PROXY says.
using var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = timeout };
using var client = new HttpClient(handler) { Timeout = timeout };
try
{
    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
    if (response.IsSuccessStatusCode)
    {
        return 0;
    }

    await Console.Error.WriteLineAsync($"{url} answered {(int)response.StatusCode}");
    return 1;
}
catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
{
    await Console.Error.WriteLineAsync($"{url}: {ex.Message}");
    return 1;
}

static bool TryParseSeconds(string text, out TimeSpan timeout)
{
    var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 600;
    timeout = ok ? TimeSpan.FromSeconds(seconds) : default;
    return ok;
}
