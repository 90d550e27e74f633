// The kernel data plane of one cluster, as the daemon runs it: the cluster network (underlay bridge, node namespaces,
// routes), the container runtime over it, the node agent (the kubelet's pod lifecycle) and the streams the API serves.
// A daemon that starts finds what a previous one left (after kill -9) and rebuilds: the network is converged, pod
// sandboxes are removed, and the kubelet starts every pod of the store again with the address in its status.
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using Kinet.Controllers.Nodes.Plans;
using Kinet.Controllers.Runtime;
using Kinet.Model.Cluster;
using Kinet.Node.Network;
using Kinet.Node.Processes;

namespace Kinet.Cli.Kernel;

internal sealed class KernelDataPlane
{
    private KernelDataPlane(ClusterNetwork network, KernelContainerRuntime runtime, Proxy.ServiceProxies proxies)
    {
        Network = network;
        Runtime = runtime;
        Streams = new KernelPodStreams(runtime);
        Proxies = proxies;
    }

    public ClusterNetwork Network { get; }

    public KernelContainerRuntime Runtime { get; }

    public KernelPodStreams Streams { get; }

    /// <summary>Each node's kube-proxy (nftables in the node's namespace) and the host's LoadBalancer routes; run by the
    /// controller manager as <see cref="Proxy.ServiceProxies.Controller"/>.</summary>
    public Proxy.ServiceProxies Proxies { get; }

    /// <summary>Brings the kernel in line with <paramref name="spec"/>: leftovers of a previous daemon removed, the
    /// network converged, the cluster's tmpfs mounted. The runtime reads Services and ConfigMaps through the controllers'
    /// client and informers once they run (<see cref="Agent"/>).</summary>
    public static async Task<KernelDataPlane> StartAsync(ClusterSpec spec, string stateDir, Action<string> log, CancellationToken ct)
    {
        // Pods of a daemon that died keep running without anyone watching them; they are rebuilt from the store.
        await ContainerRuntimeRoot.UnmountAsync(spec.Name).ConfigureAwait(false);
        var network = await ClusterNetwork.UpAsync(KernelNetworkSpec.From(spec), ct).ConfigureAwait(false);
        var stale = await network.ListPodNetworksAsync(ct).ConfigureAwait(false);
        foreach (var podId in stale) await network.DeletePodNetworkAsync(podId, ct).ConfigureAwait(false);
        if (stale.Count > 0) log($"removed {stale.Count} pod sandboxes of an earlier daemon; their pods start again");
        await ContainerRuntimeRoot.MountAsync(spec.Name).ConfigureAwait(false);

        var logRoot = Path.Combine(stateDir, "pods");
        if (Directory.Exists(logRoot)) Directory.Delete(logRoot, recursive: true);
        var settings = PlanSettings(spec, stateDir);
        IPodPlanSources? sources = null;
        var runtime = new KernelContainerRuntime(network,
            _ => sources ?? throw new InvalidOperationException("the controllers are not running yet"), settings, logRoot, log);
        return new KernelDataPlane(network, runtime, new Proxy.ServiceProxies(spec, network, log))
        {
            _bind = ctx =>
            {
                sources = new PodPlanSources(ctx.Client, ctx.Informers.For(Resources.Services));
                runtime.Warn = (pod, node, reason, message) =>
                    ctx.Events.Record(pod, Controllers.Events.EventRecorder.Warning, reason, message, KubeletController.Component, node);
            },
        };
    }

    private Action<ControllerContext> _bind = _ => { };

    /// <summary>The node agent for the controller manager: the kubelet's pod lifecycle over this runtime, probing from
    /// the host (which routes to every pod), recording events as each node's kubelet.</summary>
    public INodeAgent Agent(ControllerContext ctx)
    {
        _bind(ctx);
        return new PodLifecycleAgent(Runtime, new SocketProber(), events: PodEvent.To(ctx.Events), log: ctx.Log);
    }

    /// <summary>`kinet down` and crash cleanup: every process, namespace, link, route and mount of the cluster, from
    /// its name alone (no daemon needed). Returns what the network layer removed.</summary>
    public static async Task<ClusterObjects> DownAsync(string cluster, CancellationToken ct)
    {
        await ContainerRuntimeRoot.UnmountAsync(cluster).ConfigureAwait(false);
        return await ClusterNetwork.DownAsync(cluster, ct).ConfigureAwait(false);
    }

    private static PodPlanSettings PlanSettings(ClusterSpec spec, string stateDir)
    {
        var pathDirs = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':');
        bool HostHas(string program) => pathDirs.Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
        return new PodPlanSettings
        {
            ClusterDomain = spec.ClusterDomain,
            ClusterDns = [spec.DnsServiceIP.ToString()],
            HostResolvConf = NodeResolvConf(),
            KinetExecutable = Launcher(stateDir),
            BusyboxApplets = BusyboxApplets(),
            HostHasProgram = HostHas,
        };
    }

    /// <summary>The nodes' resolv.conf (the kubelet's --resolv-conf): the host's nameservers, without its search domains,
    /// as a kind node's file has only the Docker network's resolver. Pods with dnsPolicy Default get it; the cluster
    /// cannot reach those servers (network safety), exactly as a kind pod cannot reach an unreachable upstream.</summary>
    private static string NodeResolvConf()
    {
        try
        {
            return string.Concat(File.ReadLines("/etc/resolv.conf").Where(l => l.TrimStart().StartsWith("nameserver", StringComparison.Ordinal)).Select(l => l.Trim() + "\n"));
        }
        catch (IOException) { return ""; }
    }

    /// <summary>A script that runs this kinet (for `/agnhost` inside containers: `kinet agnhost ...`). It lives in the
    /// cluster's state directory on the host's file system, which containers see through their root overlay.</summary>
    private static string Launcher(string stateDir)
    {
        var path = Path.Combine(stateDir, "kinet-launcher");
        var host = Environment.ProcessPath ?? "/usr/bin/dotnet";
        var command = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? $"exec '{host}' '{Path.Combine(AppContext.BaseDirectory, "kinet.dll")}' \"$@\""
            : $"exec '{host}' \"$@\"";
        File.WriteAllText(path, "#!/bin/sh\n" + command + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED); // 0755
        return path;
    }

    private static IReadOnlyList<string> BusyboxApplets()
    {
        const string busybox = "/usr/bin/busybox";
        if (!File.Exists(busybox)) return [];
        var psi = new System.Diagnostics.ProcessStartInfo(busybox, "--list") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var list = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        p.WaitForExit();
        return list;
    }
}
