// One node of the cluster as the config describes it: kind's name, role, the labels its kubelet registers with
// (--node-labels), taints, its underlay address and its pod CIDR.
using System.Net;

namespace Kinet.Model.Cluster;

public sealed record NodeSpec
{
    /// <summary>kind's node name: &lt;cluster&gt;-control-plane, &lt;cluster&gt;-control-plane2, &lt;cluster&gt;-worker, ...</summary>
    public required string Name { get; init; }

    public required NodeRole Role { get; init; }

    /// <summary>Labels from the config (nodes[].labels or node-labels in kubeadmConfigPatches); the kubelet's own
    /// labels (hostname, os, arch, role) are added by <see cref="NodeObjects"/>.</summary>
    public LabelMap Labels { get; init; } = LabelMap.Empty;

    /// <summary>Taints the node registers with: kubeadm's control-plane taint unless the cluster has one node, or
    /// nodeRegistration.taints from kubeadmConfigPatches.</summary>
    public ValueList<NodeTaint> Taints { get; init; } = ValueList<NodeTaint>.Empty;

    /// <summary>The node's address on the underlay (172.18.0.2, .3, ...).</summary>
    public required IPAddress InternalIP { get; init; }

    /// <summary>The node's share of the pod subnet (a /24 per node, in order: 10.244.0.0/24, 10.244.1.0/24, ...).</summary>
    public required IPNetwork PodCidr { get; init; }

    /// <summary>The position of this node in the config's nodes list (for messages).</summary>
    public int ConfigIndex { get; init; }
}
