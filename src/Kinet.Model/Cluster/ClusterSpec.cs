// The whole cluster as configured: nodes and the address plan (DESIGN.md "The network, on one machine").
// Immutable and compared by value, so "did the config change?" is one Equals.
using System.Net;

namespace Kinet.Model.Cluster;

public sealed record ClusterSpec
{
    public const string KubernetesVersion = "v1.32.0";

    public required string Name { get; init; }

    /// <summary>Control-plane nodes first, then workers, each in config order; addresses and pod CIDRs follow this order.</summary>
    public required ValueList<NodeSpec> Nodes { get; init; }

    public IPNetwork PodSubnet { get; init; } = new(IPAddress.Parse("10.244.0.0"), 16);

    /// <summary>Each node's pod CIDR prefix length (kube-controller-manager's --node-cidr-mask-size, 24 for IPv4).</summary>
    public int NodeCidrPrefixLength { get; init; } = 24;

    public IPNetwork ServiceSubnet { get; init; } = new(IPAddress.Parse("10.96.0.0"), 12);

    /// <summary>The underlay bridge network; the host's bridge is .1, nodes are .2, .3, ...</summary>
    public IPNetwork UnderlaySubnet { get; init; } = new(IPAddress.Parse("172.18.0.0"), 16);

    /// <summary>The LoadBalancer pool; by default the one the allocator defaults to (one definition of the address plan's pool).</summary>
    public AddressRange LoadBalancerRange { get; init; } = new(IPAddress.Parse(Networking.IPRange.LoadBalancerDefault.First.ToString()),
        IPAddress.Parse(Networking.IPRange.LoadBalancerDefault.Last.ToString()));

    public KubeProxyMode KubeProxyMode { get; init; } = KubeProxyMode.Iptables;

    public PodNetworkMode PodNetworkMode { get; init; } = PodNetworkMode.Routed;

    /// <summary>kind's networking.disableDefaultCNI, recorded; Kinet's own pod network stays on either way.</summary>
    public bool DisableDefaultCni { get; init; }

    /// <summary>The API server's port on 127.0.0.1; null picks a free one.</summary>
    public int? ApiServerPort { get; init; }

    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The host side of the underlay bridge (172.18.0.1).</summary>
    public IPAddress UnderlayGateway => Ipv4.At(UnderlaySubnet, 1);

    /// <summary>The `kubernetes` Service's ClusterIP: the first address of the service subnet.</summary>
    public IPAddress KubernetesServiceIP => Ipv4.At(ServiceSubnet, 1);

    /// <summary>The cluster DNS Service's ClusterIP: the tenth address of the service subnet, as kubeadm picks it.</summary>
    public IPAddress DnsServiceIP => Ipv4.At(ServiceSubnet, 10);

    public NodeSpec? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);
}
