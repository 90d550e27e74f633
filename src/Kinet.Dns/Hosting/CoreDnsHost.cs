// Runs what a coredns pod runs: watch the cluster, serve DNS on UDP and TCP, reload on Corefile changes.
// SEAM (written before the helpers started): the server helper implements it.
using System.Net;
using System.Net.Sockets;
using Kinet.Dns.Health;
using Kinet.Dns.Kubernetes;
using Kinet.Dns.Serving;
using Kinet.Model.Dns;

namespace Kinet.Dns.Hosting;

public static class CoreDnsHost
{
    /// <summary>How long a burst of changes is gathered before one rebuild of the view (answers follow within 1 s).</summary>
    internal static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(50);

    /// <summary>Serves until <paramref name="ct"/> is cancelled. Completes <paramref name="ready"/> (if given) once the
    /// sockets listen and the first view is built (CoreDNS's `ready` plugin).</summary>
    public static Task RunAsync(CoreDnsOptions options, CancellationToken ct, TaskCompletionSource? ready = null) =>
        RunAsync(options, DnsLogic.Real, ct, ready);

    internal static async Task RunAsync(CoreDnsOptions options, DnsLogic logic, CancellationToken ct, TaskCompletionSource? ready)
    {
        var log = options.Log;
        var isReady = false;
        using var health = Probe(options, options.HealthPort, "/health", () => true);
        using var readiness = Probe(options, options.ReadyPort, "/ready", () => Volatile.Read(ref isReady));

        using var client = new k8s.Kubernetes(options.Kubernetes);
        using var signal = new SemaphoreSlim(0);
        var pending = 0;
        void Changed()
        {
            if (Interlocked.Exchange(ref pending, 1) == 0) signal.Release();
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new ClusterWatch(client, options.Corefile is null ? options.ConfigMapNamespace : null,
            options.Corefile is null ? options.ConfigMapName : null, Changed, log);
        var watching = watch.RunAsync(stop.Token);
        try
        {
            await watch.Synced.WaitAsync(ct);
            var corefile = CurrentCorefile(options, watch, logic, log);
            var config = logic.ParseCorefile(corefile); // a bad Corefile at start is fatal, as for CoreDNS
            Interlocked.Exchange(ref pending, 0);
            using var server = DnsServer.Start(options.ListenAddress, config.Port, logic.BuildZone(watch.Snapshot(), config),
                options.SocketFactory, log, options.UdpLoops);
            Volatile.Write(ref isReady, true);
            log($"[INFO] CoreDNS-compatible server listening on {server.EndPoint} (udp, tcp)");
            options.Listening?.Invoke(new CoreDnsEndpoints(server.EndPoint, health?.LocalEndPoint, readiness?.LocalEndPoint));
            ready?.TrySetResult();

            while (!ct.IsCancellationRequested)
            {
                await signal.WaitAsync(ct);
                await Task.Delay(Coalesce, ct);
                Interlocked.Exchange(ref pending, 0);
                var text = CurrentCorefile(options, watch, logic, log);
                if (text != corefile)
                {
                    corefile = text;
                    config = Reload(text, config, logic, log);
                }
                try
                {
                    server.Zone = logic.BuildZone(watch.Snapshot(), config);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log($"[ERROR] plugin/kubernetes: building the view failed, keeping the previous one: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            ready?.TrySetException(e);
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            try { await watching; } catch (OperationCanceledException) { }
        }
    }

    /// <summary>CoreDNS's reload plugin: a Corefile that does not parse keeps the running configuration.</summary>
    private static ClusterDnsConfig Reload(string text, ClusterDnsConfig current, DnsLogic logic, Action<string> log)
    {
        try
        {
            var next = logic.ParseCorefile(text);
            log("[INFO] Reloading");
            if (next.Port != current.Port)
            {
                log($"[WARNING] the server block's port changed from {current.Port} to {next.Port}; it takes effect on restart");
                next = next with { Port = current.Port };
            }
            log("[INFO] Reloading complete");
            return next;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log($"[ERROR] Restart failed: {e.Message}");
            return current;
        }
    }

    private static string CurrentCorefile(CoreDnsOptions options, ClusterWatch watch, DnsLogic logic, Action<string> log)
    {
        if (options.Corefile is not null) return options.Corefile;
        if (watch.Corefile() is { } text) return text;
        log($"[WARNING] ConfigMap {options.ConfigMapNamespace}/{options.ConfigMapName} has no Corefile; using the default");
        return logic.DefaultCorefile();
    }

    private static ProbeServer? Probe(CoreDnsOptions options, int port, string path, Func<bool> ok)
    {
        if (port < 0) return null;
        var address = options.ListenAddress;
        var socket = options.SocketFactory(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(64);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var server = new ProbeServer(socket, path, ok);
        server.Start();
        return server;
    }
}
