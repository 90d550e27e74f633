// A coredns container on the kernel data plane: the daemon runs the cluster DNS server (CoreDnsHost) in-process for it,
// as it runs agnhost's servers. Its sockets (DNS on the Corefile's port, health/ready/metrics over HTTP) live in the
// pod's network namespace; its Kubernetes client runs in the daemon with the cluster's admin kubeconfig. It exits 0 on
// SIGTERM/SIGINT (CoreDNS shuts down gracefully), 1 when the server fails (a port in use, a bad Corefile), 2 for a
// flag error, and 137 when killed.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Kinet.Dns.Hosting;
using Kinet.Node.Servers;

namespace Kinet.Cli.Dns;

internal sealed class CoreDnsContainer : IBuiltinServer
{
    private readonly CoreDnsInvocation? _invocation;
    private readonly string? _flagError;
    private readonly Func<CoreDnsInvocation, CoreDnsOptions> _options;
    private readonly Func<AddressFamily, SocketType, ProtocolType, Socket> _sockets;
    private readonly Action<ContainerStream, string> _log;
    private readonly Func<CoreDnsOptions, CancellationToken, TaskCompletionSource, Task> _run;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CoreDnsHttpEndpoints? _http;
    private Task _serving = Task.CompletedTask;
    private int _exitCode = -1;

    /// <param name="args">What follows /coredns on the command line.</param>
    /// <param name="options">The server's options for the parsed invocation (where the Corefile comes from, the
    /// client); the socket factory and log are set here.</param>
    /// <param name="sockets">Makes sockets inside the pod's network namespace.</param>
    /// <param name="log">One line on the container's stdout or stderr.</param>
    /// <param name="run">The server (CoreDnsHost.RunAsync; tests pass their own).</param>
    public CoreDnsContainer(IReadOnlyList<string> args, Func<CoreDnsInvocation, CoreDnsOptions> options,
        Func<AddressFamily, SocketType, ProtocolType, Socket> sockets, Action<ContainerStream, string> log,
        Func<CoreDnsOptions, CancellationToken, TaskCompletionSource, Task>? run = null)
    {
        (_invocation, _flagError) = CoreDnsInvocation.Parse(args);
        _options = options;
        _sockets = sockets;
        _log = log;
        _run = run ?? ((o, ct, ready) => CoreDnsHost.RunAsync(o, ct, ready));
    }

    public Task<int> Exited => _exited.Task;

    /// <summary>Where the health, ready and metrics endpoints listen (CoreDNS's :8080, :8181, :9153 in a pod; tests
    /// use ephemeral loopback ports).</summary>
    internal (IPAddress Address, int Health, int Ready, int Metrics) Http { get; init; } =
        (IPAddress.Any, CoreDnsHttpEndpoints.HealthPort, CoreDnsHttpEndpoints.ReadyPort, CoreDnsHttpEndpoints.MetricsPort);

    /// <summary>The bound HTTP endpoints (null before the start or when the program did not get that far).</summary>
    internal CoreDnsHttpEndpoints? Endpoints => _http;

    /// <summary>Whether the server listens and has its first view (what /ready says).</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public Task StartAsync(CancellationToken ct)
    {
        if (_invocation is null)
        {
            _log(ContainerStream.Stderr, _flagError!);
            _log(ContainerStream.Stderr, "Usage of /coredns:");
            Exit(2);
            return Task.CompletedTask;
        }
        if (_invocation.Version)
        {
            _log(ContainerStream.Stdout, CoreDnsInvocation.VersionLine);
            _log(ContainerStream.Stdout, "linux/amd64, go1.21.11, a6338e9");
            Exit(0);
            return Task.CompletedTask;
        }
        CoreDnsOptions options;
        try
        {
            options = _options(_invocation) with
            {
                SocketFactory = _sockets,
                Log = line => _log(ContainerStream.Stdout, line),
                // The container serves /health, /ready and /metrics itself (CoreDnsHttpEndpoints, below); the host's
                // own probe listeners would bind the same ports a second time.
                HealthPort = -1,
                ReadyPort = -1,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Fatal(e.Message);
            return Task.CompletedTask;
        }
        try
        {
            _http = CoreDnsHttpEndpoints.Start(_sockets, Http.Address, () => IsReady, Http.Health, Http.Ready, Http.Metrics);
        }
        catch (SocketException e)
        {
            Fatal($"listen tcp: bind: {e.Message}");
            return Task.CompletedTask;
        }
        _serving = Task.Run(() => _run(options, _stop.Token, _ready), CancellationToken.None);
        _ = _serving.ContinueWith(t =>
        {
            if (_stop.IsCancellationRequested) return; // stopped by a signal or a kill: that exit counts
            if (t.IsFaulted) Fatal(Message(t.Exception!.GetBaseException()));
            else Exit(1); // the server returned on its own
        }, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public void Signal(PosixSignal signal)
    {
        // CoreDNS stops its servers on SIGTERM and SIGINT and exits 0; SIGHUP reloads (the ConfigMap watch does that here).
        if (signal == PosixSignal.SIGHUP) return;
        if (signal is PosixSignal.SIGTERM or PosixSignal.SIGINT or PosixSignal.SIGQUIT) Exit(0);
        else Exit(128 + (int)signal);
    }

    public async ValueTask DisposeAsync()
    {
        Exit(137);
        await Exited.ConfigureAwait(false);
    }

    private void Fatal(string message)
    {
        _log(ContainerStream.Stderr, "[FATAL] " + message);
        Exit(1);
    }

    /// <summary>Stops the server and the HTTP endpoints (closing every socket), then reports the exit code. Only the
    /// first exit counts.</summary>
    private void Exit(int code)
    {
        if (Interlocked.CompareExchange(ref _exitCode, code, -1) != -1) return;
        _stop.Cancel();
        _ = Task.Run(async () =>
        {
            if (_http is not null) await _http.DisposeAsync().ConfigureAwait(false);
            // The server's sockets close as it sees the cancellation; a server that ignores it is not waited for long.
            try { await _serving.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
            catch (Exception) { } // reported already, a cancellation, or the wait's timeout
            _exited.TrySetResult(code);
        });
    }

    private static string Message(Exception e) => e switch
    {
        SocketException s => $"listen: {s.Message}",
        _ => e.Message,
    };
}
