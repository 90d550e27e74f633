// `kinet up --config FILE`: kind's cluster configuration (kind: Cluster, apiVersion: kind.x-k8s.io/v1alpha4) to a
// ClusterSpec. Fields that decide something in Kinet are read; kind's other fields are accepted with one warning line
// each; unknown fields and bad values are one ClusterConfigException line. Pure: the caller reads the file.
//
// Kinet extensions (not kind fields; kind itself would reject them):
//   networking.kinetMode: routed | vxlan           how pod traffic crosses nodes (default routed, host-gw style)
//   networking.kinetUnderlaySubnet: 172.18.0.0/16  the node network (host bridge .1, nodes .2, .3, ...)
//   networking.kinetLoadBalancerRange: 172.18.255.200-172.18.255.250   LoadBalancer Service addresses
namespace Kinet.Model.Cluster;

public static class ClusterConfig
{
    public const string Kind = "Cluster";
    public const string ApiVersion = "kind.x-k8s.io/v1alpha4";

    /// <summary>The cluster without a config file: one control-plane node and two workers, DESIGN.md's address plan.</summary>
    public static ClusterSpec Default(string clusterName)
    {
        var spec = new ClusterSpec { Name = clusterName, Nodes = ValueList<NodeSpec>.Empty };
        ConfiguredNode[] nodes =
        [
            new(0, NodeRole.ControlPlane, LabelMap.Empty, new([NodeTaint.ControlPlane])),
            new(1, NodeRole.Worker, LabelMap.Empty, ValueList<NodeTaint>.Empty),
            new(2, NodeRole.Worker, LabelMap.Empty, ValueList<NodeTaint>.Empty),
        ];
        return spec with
        {
            Nodes = ClusterLayout.Place(clusterName, nodes, spec.PodSubnet, spec.NodeCidrPrefixLength, spec.UnderlaySubnet, spec.LoadBalancerRange),
        };
    }

    /// <summary>Parses a config file's text; null or no file gives <see cref="Default"/>. The cluster is named
    /// <paramref name="clusterName"/> (kinet's --name); a different `name:` in the file is reported as a warning and
    /// returned as <see cref="ClusterConfigResult.ConfigName"/>.</summary>
    /// <exception cref="ClusterConfigException">The config cannot be used; the message is one line.</exception>
    public static ClusterConfigResult Parse(string? yaml, string clusterName) =>
        yaml is null ? new ClusterConfigResult(Default(clusterName), ValueList<string>.Empty, null)
            : new ClusterConfigReader(clusterName).Read(yaml);
}
