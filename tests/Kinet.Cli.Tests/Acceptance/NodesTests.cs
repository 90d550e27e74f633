// Acceptance (issue 3, nodes and cluster config): kinet up registers kind-named Nodes; the seed companion lab's
// kind config brings up three nodes with their region/zone labels.
using System.Text.Json.Nodes;
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Acceptance;

public class NodesTests(KinetCluster cluster) : IClassFixture<KinetCluster>
{
    [Fact]
    public async Task A_cluster_without_a_config_has_a_control_plane_and_two_workers_ready()
    {
        var r = await cluster.Kubectl("get", "nodes", "-o", "wide");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME", r.Stdout);
        Assert.Matches($@"(?m)^{cluster.Name}-control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0\s+172\.18\.0\.2\s", r.Stdout);
        Assert.Matches($@"(?m)^{cluster.Name}-worker\s+Ready\s+<none>\s+\S+\s+v1\.32\.0\s+172\.18\.0\.3\s", r.Stdout);
        Assert.Matches($@"(?m)^{cluster.Name}-worker2\s+Ready\s+<none>\s+\S+\s+v1\.32\.0\s+172\.18\.0\.4\s", r.Stdout);
        var cidrs = await cluster.Kubectl("get", "nodes", "-o", "jsonpath={.items[*].spec.podCIDR}");
        Assert.Equal("10.244.0.0/24 10.244.1.0/24 10.244.2.0/24", cidrs.Stdout);
        var taint = await cluster.Kubectl("get", "node", cluster.Name + "-control-plane", "-o", "jsonpath={.spec.taints[0].key}:{.spec.taints[0].effect}");
        Assert.Equal("node-role.kubernetes.io/control-plane:NoSchedule", taint.Stdout);
    }

    [Fact]
    public async Task The_lab_config_brings_up_three_labelled_nodes()
    {
        var lab = new KinetCluster();
        try
        {
            var file = Path.Combine(lab.Root, "lab.yaml");
            File.WriteAllText(file, """
                kind: Cluster
                apiVersion: kind.x-k8s.io/v1alpha4
                nodes:
                - role: control-plane
                  labels:
                    topology.kubernetes.io/region: us-east-1
                    topology.kubernetes.io/zone: us-east-1a
                - role: worker
                  labels:
                    topology.kubernetes.io/region: us-east-1
                    topology.kubernetes.io/zone: us-east-1a
                - role: worker
                  labels:
                    topology.kubernetes.io/region: us-east-1
                    topology.kubernetes.io/zone: us-east-1b
                """);
            await lab.Up("--config", file);
            var r = await lab.Kubectl("get", "nodes", "-o", "json");
            Assert.True(r.ExitCode == 0, r.ToString());
            var zones = JsonNode.Parse(r.Stdout)!["items"]!.AsArray()
                .Select(n => (n!["metadata"]!["name"]!.GetValue<string>(), n["metadata"]!["labels"]!["topology.kubernetes.io/zone"]!.GetValue<string>()))
                .ToArray();
            Assert.Equal([(lab.Name + "-control-plane", "us-east-1a"), (lab.Name + "-worker", "us-east-1a"), (lab.Name + "-worker2", "us-east-1b")], zones);
        }
        finally
        {
            await lab.DisposeAsync();
        }
    }
}
