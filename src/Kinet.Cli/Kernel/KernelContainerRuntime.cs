// The container runtime of the kernel data plane (what containerd + runc + a CNI plugin are on a kind node): a pod
// sandbox is a network namespace plumbed into its node (Kinet.Node.Network), a pause process holding the pod's PID/UTS/IPC
// namespaces, and the pod's volumes as directories on the cluster's tmpfs; containers are the host's programs in their
// own mount namespaces (Kinet.Node.Processes), as the planner (Controllers/Nodes/Plans) decided from the pod spec.
// It also keeps the running pods by uid, for exec, attach, logs and port-forward.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes;
using Kinet.Controllers.Nodes.Lifecycle;
using Kinet.Controllers.Nodes.Plans;
using Kinet.Node.Network;
using Kinet.Node.Processes;
using static Kinet.Cli.Kernel.PodJson;

namespace Kinet.Cli.Kernel;

internal sealed class KernelContainerRuntime(
    ClusterNetwork network,
    Func<JsonObject, IPodPlanSources> sources,
    PodPlanSettings settings,
    string logRoot,
    Action<string> log) : IContainerRuntime
{
    private readonly ConcurrentDictionary<string, KernelPodSandbox> _pods = new(StringComparer.Ordinal);

    public ClusterNetwork Network => network;

    /// <summary>Records a warning event on a pod as its node's kubelet (the plan's DNSConfigForming and the like); set
    /// once the controllers run.</summary>
    public Action<JsonObject, string, string, string> Warn { get; set; } = (_, _, _, _) => { };

    /// <summary>The official client's configuration for the cluster's API (admin), which in-process servers that are
    /// Kubernetes clients use (the coredns image); set once the API server listens.</summary>
    public Func<k8s.KubernetesClientConfiguration>? ClusterClient { get; set; }

    /// <summary>The running sandbox of the pod with <paramref name="uid"/>, if this runtime runs it.</summary>
    public KernelPodSandbox? Find(string uid) => _pods.GetValueOrDefault(uid);

    public async Task<IPodSandbox> RunSandboxAsync(JsonObject pod, PodNetwork podNetwork, CancellationToken ct)
    {
        var uid = Str(pod["metadata"]?["uid"]);
        var ns = Str(pod["metadata"]?["namespace"]);
        var name = Str(pod["metadata"]?["name"]);
        var podSettings = settings.For(podNetwork);
        PodPlan plan;
        try
        {
            plan = PodPlanner.Plan(pod, sources(pod), podSettings);
        }
        catch (PodPlanException e)
        {
            throw new PodStartException(e.Message, e.Reason);
        }
        foreach (var w in plan.Warnings) Warn(pod, podNetwork.NodeName, w.Reason, w.Message);

        PodNetworkHandle? handle = null;
        PodSandbox? sandbox = null;
        try
        {
            string netnsPath;
            if (podNetwork.HostNetwork)
                netnsPath = network.NodeNetnsPath(podNetwork.NodeName);
            else
            {
                var ips = podNetwork.PodIPs.Select(ip => System.Net.IPAddress.Parse(ip.ToString())).ToList();
                handle = await network.CreatePodNetworkAsync(podNetwork.NodeName, uid, ips, ct).ConfigureAwait(false);
                netnsPath = handle.NetnsPath;
            }
            sandbox = await PodSandbox.StartAsync(new PodSandboxSpec(network.Cluster, uid, netnsPath, plan.Hostname), ct).ConfigureAwait(false);
            var podDir = Path.Combine(ContainerRuntimeRoot.PathFor(network.Cluster), "pods", uid);
            var volumes = PodVolumes.Create(Path.Combine(podDir, "volumes"), plan.Volumes);
            var logs = Path.Combine(logRoot, $"{ns}_{name}_{uid}");
            var run = new KernelPodSandbox(this, pod, plan, podSettings, sources, sandbox, netnsPath, handle, podDir, volumes, logs, log);
            _pods[uid] = run;
            return run;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (sandbox is not null) await sandbox.DisposeAsync().ConfigureAwait(false);
            if (handle is not null) await network.DeletePodNetworkAsync(uid, CancellationToken.None).ConfigureAwait(false);
            if (e is PodVolumeException) throw new PodStartException(e.Message, "FailedMount");
            throw new PodStartException(e is ArgumentException or NetworkCommandException
                ? e.Message
                : $"failed to set up sandbox for pod \"{name}\": {e.Message}");
        }
    }

    /// <summary>Called by a sandbox once it is gone.</summary>
    internal void Forget(string uid, KernelPodSandbox sandbox) => _pods.TryRemove(new(uid, sandbox));
}
