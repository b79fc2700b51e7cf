using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthGate.Testing;

/// <summary>
/// A real HTTP server on a loopback port standing in for the trading backend, an exchange or a service:
/// each test sets what a path answers, and can change it between requests.
/// </summary>
public sealed class HttpStandIn : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public string Url(string path) => BaseUrl + path;

    public void Respond(string path, int status, string body, string contentType = "application/json") =>
        _routes[path] = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };

    public void Respond(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    /// <summary>Answers 200 after <paramref name="delay"/> and counts the requests that reached the path.</summary>
    public RequestCounter Count(string path, TimeSpan? delay = null)
    {
        var counter = new RequestCounter();
        _routes[path] = async context =>
        {
            counter.Increment();
            if (delay is { } d)
            {
                await Task.Delay(d, context.RequestAborted);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
        };
        return counter;
    }

    /// <summary>Accepts the request and never answers (until the stand-in stops).</summary>
    public void Hang(string path) => _routes[path] = context => Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted).Token);

    public void Delay(string path, TimeSpan delay, int status = 200, string body = "ok") =>
        _routes[path] = async context =>
        {
            await Task.Delay(delay, context.RequestAborted);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(body);
        };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            if (_routes.TryGetValue(context.Request.Path.Value ?? "", out var handler))
            {
                try
                {
                    await handler(context);
                }
                catch (OperationCanceledException)
                {
                }
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.Single().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
