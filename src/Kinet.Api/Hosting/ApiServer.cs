// The running API server: Kestrel on loopback with TLS, serving the Kubernetes API from the store.
using System.Net;
using Kinet.Api.Handlers;
using Kinet.Api.Http;
using Kinet.Api.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kinet.Api.Hosting;

public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ApiServer(WebApplication app, int port, ApiContext context, ObjectRegistry registry)
    {
        _app = app;
        Port = port;
        Context = context;
        Registry = registry;
        Completion = app.WaitForShutdownAsync();
    }

    /// <summary>The server's shared state (store, clock), for in-process clients such as the controllers.</summary>
    public ApiContext Context { get; }

    /// <summary>The registry every write goes through; in-process clients write through it too, so they get the same rules as kubectl.</summary>
    public ObjectRegistry Registry { get; }

    /// <summary>The port actually bound.</summary>
    public int Port { get; }

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion { get; }

    /// <summary>Starts serving and returns once the port is bound and the built-in objects exist.</summary>
    public static async Task<ApiServer> StartAsync(ApiServerOptions options, CancellationToken ct = default)
    {
        var core = await ApiCore.CreateAsync(options.Store, options.ServiceCidr, options.Port is > 0 ? options.Port : 6443,
            options.WatchBookmarkInterval, ct: ct);
        var (api, registry) = (core.Context, core.Registry);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = BodyReader.MaxBodyBytes + 1;
            k.Listen(options.Address, options.Port, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                l.UseHttps(options.ServingCertificate);
            });
        });
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("kinet.api");
        var streams = options.PodStreams is { } ps ? new Streams.StreamHandler(registry, ps, options.PodStreamWebSockets) : null;
        var endpoint = new ApiEndpoint(new ResourceHandler(api, registry, new WatchHandler(api), streams), options.Tokens, logger);
        app.Run(endpoint.InvokeAsync);
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        return new ApiServer(app, port, api, registry);
    }

    private int _disposed;

    /// <summary>Stops serving; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
