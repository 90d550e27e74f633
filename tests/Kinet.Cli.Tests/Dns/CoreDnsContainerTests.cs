// A coredns container as the daemon runs it: /health, /ready (503 until the server is ready) and /metrics over HTTP,
// exit codes for SIGTERM, kill, a failing server and a flag error. The server itself is passed in (CoreDnsHost in a pod).
using System.Net;
using System.Runtime.InteropServices;
using Kinet.Cli.Dns;
using Kinet.Dns.Hosting;
using Kinet.Node.Servers;

namespace Kinet.Cli.Tests.Dns;

public class CoreDnsContainerTests
{
    private readonly List<string> _log = [];

    private CoreDnsContainer Container(Func<CoreDnsOptions, CancellationToken, TaskCompletionSource, Task> run, params string[] args) =>
        new(args.Length == 0 ? ["-conf", "/etc/coredns/Corefile"] : args,
            _ => new CoreDnsOptions { Kubernetes = new k8s.KubernetesClientConfiguration { Host = "https://127.0.0.1:1" }, Corefile = ".:53 {\n}\n" },
            ServerContext.PlainSocket,
            (stream, line) => { lock (_log) _log.Add($"{stream}: {line}"); },
            run)
        {
            Http = (IPAddress.Loopback, 0, 0, 0),
        };

    private static async Task<(HttpStatusCode Status, string Body)> Get(CoreDnsContainer c, int index, string path)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{c.Endpoints!.Ports[index]}{path}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A server that becomes ready when told and serves until cancelled.</summary>
    private static Func<CoreDnsOptions, CancellationToken, TaskCompletionSource, Task> Serving(Task becomeReady) => async (_, ct, ready) =>
    {
        await becomeReady;
        ready.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
    };

    [Fact]
    public async Task Ready_answers_503_until_the_server_is_ready_and_health_answers_at_once()
    {
        var go = new TaskCompletionSource();
        var c = Container(Serving(go.Task));
        await c.StartAsync(CancellationToken.None);
        Assert.Equal((HttpStatusCode.OK, "OK"), await Get(c, 0, "/health"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Get(c, 1, "/ready")).Status);
        go.SetResult();
        while (!c.IsReady) await Task.Delay(10);
        Assert.Equal((HttpStatusCode.OK, "OK"), await Get(c, 1, "/ready"));
        Assert.Contains("coredns_build_info", (await Get(c, 2, "/metrics")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(c, 0, "/ready")).Status);
        await c.DisposeAsync();
    }

    [Fact]
    public async Task SIGTERM_stops_the_server_and_exits_0_closing_its_ports()
    {
        CancellationToken seen = default;
        var c = Container((o, ct, ready) => { seen = ct; return Serving(Task.CompletedTask)(o, ct, ready); });
        await c.StartAsync(CancellationToken.None);
        var port = c.Endpoints!.Ports[0];
        c.Signal(PosixSignal.SIGTERM);
        Assert.Equal(0, await c.Exited);
        Assert.True(seen.IsCancellationRequested);
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task A_kill_is_137()
    {
        var c = Container(Serving(Task.CompletedTask));
        await c.StartAsync(CancellationToken.None);
        await c.DisposeAsync();
        Assert.Equal(137, await c.Exited);
    }

    [Fact]
    public async Task A_failing_server_exits_1_with_its_error_in_the_log()
    {
        var c = Container((_, _, _) => Task.FromException(new InvalidOperationException("plugin/kubernetes: bad Corefile")));
        await c.StartAsync(CancellationToken.None);
        Assert.Equal(1, await c.Exited);
        Assert.Contains("Stderr: [FATAL] plugin/kubernetes: bad Corefile", _log);
    }

    [Fact]
    public async Task A_flag_error_exits_2_without_starting_the_server()
    {
        var started = false;
        var c = Container((_, _, _) => { started = true; return Task.CompletedTask; }, "-bogus");
        await c.StartAsync(CancellationToken.None);
        Assert.Equal(2, await c.Exited);
        Assert.False(started);
        Assert.Contains("Stderr: flag provided but not defined: -bogus", _log);
    }

    [Fact]
    public async Task Version_prints_CoreDNS_version_and_exits_0()
    {
        var c = Container((_, _, _) => Task.CompletedTask, "-version");
        await c.StartAsync(CancellationToken.None);
        Assert.Equal(0, await c.Exited);
        Assert.Contains("Stdout: CoreDNS-1.11.3", _log);
    }
}
