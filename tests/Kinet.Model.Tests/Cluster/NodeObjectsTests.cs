// Node objects as a kind node shows them in `kubectl get node -o yaml`, for the companion lab's cluster.
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Kinet.Model.Cluster;

namespace Kinet.Model.Tests.Cluster;

public class NodeObjectsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static readonly NodeHostInfo Host = new()
    {
        Architecture = "amd64",
        CpuCount = 8,
        MemoryKi = 32767292,
        EphemeralStorageKi = 102625208,
        KernelVersion = "6.8.0-45-generic",
        OsImage = "Debian GNU/Linux 12 (bookworm)",
        BootId = "0f8fad5b-d9cb-469f-a165-70867728950e",
        KinetVersion = "0.3.0",
    };

    private static readonly ClusterSpec Lab = ClusterConfig.Parse(LabConfig.Yaml, "lab").Spec;

    private static JsonObject Build(string node) => NodeObjects.Build(Lab, Lab.FindNode(node)!, Host, Now);

    [Fact]
    public void A_control_plane_node_has_kubeadms_role_label_and_taint_and_the_kubelets_status()
    {
        var node = Build("lab-control-plane");
        var nodeInfo = node["status"]!["nodeInfo"]!.AsObject();
        nodeInfo.Remove("machineID");
        nodeInfo.Remove("systemUUID");
        var expected = JsonNode.Parse("""
            {
              "apiVersion": "v1", "kind": "Node",
              "metadata": {
                "name": "lab-control-plane",
                "labels": {
                  "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "ingress-ready": "true",
                  "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": "lab-control-plane", "kubernetes.io/os": "linux",
                  "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": ""
                },
                "annotations": { "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true" }
              },
              "spec": {
                "podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"], "providerID": "kinet://lab/lab-control-plane",
                "taints": [ { "effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane" } ]
              },
              "status": {
                "addresses": [ { "address": "172.18.0.2", "type": "InternalIP" }, { "address": "lab-control-plane", "type": "Hostname" } ],
                "allocatable": { "cpu": "8", "ephemeral-storage": "102625208Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "32767292Ki", "pods": "110" },
                "capacity": { "cpu": "8", "ephemeral-storage": "102625208Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "32767292Ki", "pods": "110" },
                "conditions": [
                  { "lastHeartbeatTime": "2026-11-26T10:00:00Z", "lastTransitionTime": "2026-11-26T10:00:00Z", "message": "kubelet has sufficient memory available", "reason": "KubeletHasSufficientMemory", "status": "False", "type": "MemoryPressure" },
                  { "lastHeartbeatTime": "2026-11-26T10:00:00Z", "lastTransitionTime": "2026-11-26T10:00:00Z", "message": "kubelet has no disk pressure", "reason": "KubeletHasNoDiskPressure", "status": "False", "type": "DiskPressure" },
                  { "lastHeartbeatTime": "2026-11-26T10:00:00Z", "lastTransitionTime": "2026-11-26T10:00:00Z", "message": "kubelet has sufficient PID available", "reason": "KubeletHasSufficientPID", "status": "False", "type": "PIDPressure" },
                  { "lastHeartbeatTime": "2026-11-26T10:00:00Z", "lastTransitionTime": "2026-11-26T10:00:00Z", "message": "kubelet is posting ready status", "reason": "KubeletReady", "status": "True", "type": "Ready" }
                ],
                "daemonEndpoints": { "kubeletEndpoint": { "Port": 10250 } },
                "nodeInfo": {
                  "architecture": "amd64", "bootID": "0f8fad5b-d9cb-469f-a165-70867728950e", "containerRuntimeVersion": "kinet://0.3.0",
                  "kernelVersion": "6.8.0-45-generic", "kubeletVersion": "v1.32.0", "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)"
                }
              }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, node), node.ToJsonString());
    }

    [Fact]
    public void A_worker_carries_its_topology_labels_no_role_and_no_taint()
    {
        var node = Build("lab-worker2");
        var labels = node["metadata"]!["labels"]!.AsObject();
        Assert.Equal(
        [
            "beta.kubernetes.io/arch=amd64", "beta.kubernetes.io/os=linux", "kubernetes.io/arch=amd64",
            "kubernetes.io/hostname=lab-worker2", "kubernetes.io/os=linux",
            "topology.kubernetes.io/region=us-east-1", "topology.kubernetes.io/zone=us-east-1b",
        ], labels.Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.Null(node["spec"]!["taints"]);
        Assert.Equal("10.244.2.0/24", (string?)node["spec"]!["podCIDR"]);
        Assert.Equal("172.18.0.4", (string?)node["status"]!["addresses"]![0]!["address"]);
    }

    [Fact]
    public void Machine_ids_are_stable_per_node_and_differ_between_nodes()
    {
        string Ids(string name) => $"{Build(name)["status"]!["nodeInfo"]!["machineID"]} {Build(name)["status"]!["nodeInfo"]!["systemUUID"]}";
        Assert.Equal(Ids("lab-worker"), Ids("lab-worker"));
        Assert.NotEqual(Ids("lab-worker"), Ids("lab-worker2"));
        Assert.Matches("^[0-9a-f]{32} [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Ids("lab-worker"));
    }

    [Fact]
    public void Every_field_is_one_the_v1_Node_schema_knows()
    {
        // A misspelt field would be dropped by the typed model, so the round trip would differ.
        foreach (var node in NodeObjects.BuildAll(Lab, Host, Now))
        {
            var typed = k8s.KubernetesJson.Deserialize<k8s.Models.V1Node>(node.ToJsonString());
            var back = JsonNode.Parse(k8s.KubernetesJson.Serialize(typed));
            Assert.True(JsonNode.DeepEquals(node, back), $"{node.ToJsonString()}\n{back?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData(Architecture.X64, "amd64")]
    [InlineData(Architecture.Arm64, "arm64")]
    [InlineData(Architecture.Arm, "arm")]
    public void Host_architectures_are_spelt_as_go_spells_them(Architecture architecture, string goArch) =>
        Assert.Equal(goArch, NodeHostInfo.GoArch(architecture));

    [Theory]
    [InlineData("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n", "Debian GNU/Linux 12 (bookworm)")]
    [InlineData("PRETTY_NAME=Alpine\n", "Alpine")]
    [InlineData("ID=x\n", "Linux")]
    public void The_os_image_is_the_pretty_name_of_os_release(string osRelease, string image) =>
        Assert.Equal(image, NodeHostInfo.OsImageFromOsRelease(osRelease));

    [Theory]
    [InlineData("MemTotal:       32767292 kB\nMemFree:         1000 kB\n", 32767292)]
    [InlineData("MemFree: 1 kB\n", 0)]
    public void Memory_is_MemTotal_of_meminfo(string memInfo, long ki) =>
        Assert.Equal(ki, NodeHostInfo.MemoryKiFromMemInfo(memInfo));
}
