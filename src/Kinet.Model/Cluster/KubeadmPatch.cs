// What Kinet takes from one kubeadmConfigPatches document: node-labels and taints for the kubeadm InitConfiguration
// (the bootstrap control plane) or JoinConfiguration (every other node). Null means "this patch does not set it".
namespace Kinet.Model.Cluster;

internal sealed record KubeadmPatch(string TargetKind, string Path, string? NodeLabels, bool SetsNodeLabels, ValueList<NodeTaint>? Taints)
{
    public const string Init = "InitConfiguration";
    public const string Join = "JoinConfiguration";
}
