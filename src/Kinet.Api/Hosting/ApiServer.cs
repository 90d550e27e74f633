// The running API server: Kestrel on loopback with TLS, serving the Kubernetes API from the store.
namespace Kinet.Api.Hosting;

public sealed class ApiServer : IAsyncDisposable
{
    private ApiServer(int port, Task completion) { Port = port; Completion = completion; }

    /// <summary>The port actually bound.</summary>
    public int Port { get; }

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion { get; }

    /// <summary>Starts serving and returns once the port is bound.</summary>
    public static Task<ApiServer> StartAsync(ApiServerOptions options, CancellationToken ct = default)
    {
        _ = options; _ = ct;
        throw new NotImplementedException("filled in by the API core");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
