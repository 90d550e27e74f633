// The core/v1 Node of a configured node, as a kind node shows in `kubectl get node -o yaml` right after it became
// Ready: the kubelet's labels and status, kubeadm's control-plane label and taint, kube-controller-manager's podCIDR.
// The API server sets uid, resourceVersion and creationTimestamp when the object is created.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Model.Cluster;

public static class NodeObjects
{
    public const int MaxPods = 110;
    public const int KubeletPort = 10250;

    public static IReadOnlyList<JsonObject> BuildAll(ClusterSpec cluster, NodeHostInfo host, DateTimeOffset now) =>
        cluster.Nodes.Select(n => Build(cluster, n, host, now)).ToList();

    public static JsonObject Build(ClusterSpec cluster, NodeSpec node, NodeHostInfo host, DateTimeOffset now) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject
        {
            ["name"] = node.Name,
            ["labels"] = Labels(node, host),
            ["annotations"] = new JsonObject
            {
                ["node.alpha.kubernetes.io/ttl"] = "0",
                ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
            },
        },
        ["spec"] = Spec(cluster, node),
        ["status"] = Status(node, host, now),
    };

    /// <summary>The node's providerID, in the shape of kind's kind://docker/&lt;cluster&gt;/&lt;node&gt;.</summary>
    public static string ProviderId(ClusterSpec cluster, NodeSpec node) => $"kinet://{cluster.Name}/{node.Name}";

    private static JsonObject Labels(NodeSpec node, NodeHostInfo host)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["beta.kubernetes.io/arch"] = host.Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = host.Architecture,
            ["kubernetes.io/hostname"] = node.Name,
            ["kubernetes.io/os"] = "linux",
        };
        foreach (var (k, v) in node.Labels) labels[k] = v; // --node-labels override the kubelet's defaults
        if (node.Role == NodeRole.ControlPlane)
        {
            // kubeadm's mark-control-plane phase.
            labels["node-role.kubernetes.io/control-plane"] = "";
            labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
        }
        var result = new JsonObject();
        foreach (var (k, v) in labels) result[k] = v;
        return result;
    }

    private static JsonObject Spec(ClusterSpec cluster, NodeSpec node)
    {
        var spec = new JsonObject
        {
            ["podCIDR"] = node.PodCidr.ToString(),
            ["podCIDRs"] = new JsonArray(node.PodCidr.ToString()),
            ["providerID"] = ProviderId(cluster, node),
        };
        if (node.Taints.Count > 0)
        {
            var taints = new JsonArray();
            foreach (var t in node.Taints)
            {
                var o = new JsonObject { ["effect"] = t.Effect, ["key"] = t.Key };
                if (t.Value is not null) o["value"] = t.Value;
                taints.Add(o);
            }
            spec["taints"] = taints;
        }
        return spec;
    }

    private static JsonObject Status(NodeSpec node, NodeHostInfo host, DateTimeOffset now)
    {
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["addresses"] = new JsonArray(
                new JsonObject { ["address"] = node.InternalIP.ToString(), ["type"] = "InternalIP" },
                new JsonObject { ["address"] = node.Name, ["type"] = "Hostname" }),
            ["allocatable"] = Resources(host),
            ["capacity"] = Resources(host),
            ["conditions"] = new JsonArray(
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", time),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", time),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", time),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", time)),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = KubeletPort } },
            ["nodeInfo"] = new JsonObject
            {
                ["architecture"] = host.Architecture,
                ["bootID"] = host.BootId,
                ["containerRuntimeVersion"] = $"kinet://{host.KinetVersion}",
                ["kernelVersion"] = host.KernelVersion,
                ["kubeletVersion"] = ClusterSpec.KubernetesVersion,
                ["machineID"] = Hex(Hash("machine-id", node.Name))[..32],
                ["operatingSystem"] = "linux",
                ["osImage"] = host.OsImage,
                ["systemUUID"] = new Guid(Hash("system-uuid", node.Name)[..16]).ToString(),
            },
        };
    }

    // kind reports the host's resources on every node, with nothing reserved: allocatable equals capacity.
    private static JsonObject Resources(NodeHostInfo host) => new()
    {
        ["cpu"] = host.CpuCount.ToString(CultureInfo.InvariantCulture),
        ["ephemeral-storage"] = $"{host.EphemeralStorageKi}Ki",
        ["hugepages-1Gi"] = "0",
        ["hugepages-2Mi"] = "0",
        ["memory"] = $"{host.MemoryKi}Ki",
        ["pods"] = MaxPods.ToString(CultureInfo.InvariantCulture),
    };

    private static JsonObject Condition(string type, string status, string reason, string message, string time) => new()
    {
        ["lastHeartbeatTime"] = time,
        ["lastTransitionTime"] = time,
        ["message"] = message,
        ["reason"] = reason,
        ["status"] = status,
        ["type"] = type,
    };

    // Stable per node across restarts, distinct between nodes, as each kind node container has its own machine-id.
    private static byte[] Hash(string purpose, string nodeName) => SHA256.HashData(Encoding.UTF8.GetBytes($"kinet {purpose} {nodeName}"));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
