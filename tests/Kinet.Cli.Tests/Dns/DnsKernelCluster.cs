// A kernel-data-plane cluster for the DNS acceptance tests with an address plan of its own (underlay 172.29.45.0/24,
// pods 10.245.0.0/16, services 10.195.0.0/16, so the cluster DNS address is 10.195.0.10), so it never collides with
// the default plan's cluster that other suites run on this machine.
using Kinet.Cli.Tests.Harness;

namespace Kinet.Cli.Tests.Dns;

public sealed class DnsKernelCluster : KinetCluster, IAsyncLifetime
{
    public const string ServiceSubnetPrefix = "10.195.";
    public const string DnsAddress = "10.195.0.10";
    public const string KubernetesAddress = "10.195.0.1";

    public DnsKernelCluster() : base("kernel") { }

    public new async Task InitializeAsync()
    {
        var config = Path.Combine(Root, "cluster.yaml");
        await File.WriteAllTextAsync(config, """
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            networking:
              podSubnet: 10.245.0.0/16
              serviceSubnet: 10.195.0.0/16
              kinetUnderlaySubnet: 172.29.45.0/24
              kinetLoadBalancerRange: 172.29.45.200-172.29.45.250
            nodes:
            - role: control-plane
            - role: worker
            - role: worker
            """);
        await Up("--config", config);
    }
}
