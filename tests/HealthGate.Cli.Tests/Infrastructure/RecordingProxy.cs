using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// A pass-through HTTP proxy on a loopback port in front of a real gate: it forwards every GET unchanged (status,
/// headers that matter, body) and records what was asked and answered, so a test sees which requests the CLI made.
/// </summary>
internal sealed class RecordingProxy : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string PathAndQuery, int Status)> _exchanges = new();
    private readonly HttpClient _upstream;
    private readonly WebApplication _app;

    private RecordingProxy(string target)
    {
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(target.TrimEnd('/') + "/") };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(ForwardAsync);
    }

    public string Url { get; private set; } = "";

    public IReadOnlyList<(string PathAndQuery, int Status)> Exchanges => [.. _exchanges];

    public static async Task<RecordingProxy> StartAsync(string target)
    {
        var proxy = new RecordingProxy(target);
        await proxy._app.StartAsync();
        proxy.Url = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var pathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), pathAndQuery.TrimStart('/'));
        if (context.Request.Headers.TryGetValue("X-Api-Key", out var key))
        {
            request.Headers.Add("X-Api-Key", key.ToString());
        }

        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        _exchanges.Enqueue((pathAndQuery, (int)response.StatusCode));
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
