// A node as read from the config, before the layout gives it a name, an address and a pod CIDR.
namespace Kinet.Model.Cluster;

internal sealed record ConfiguredNode(int ConfigIndex, NodeRole Role, LabelMap Labels, ValueList<NodeTaint> Taints);
