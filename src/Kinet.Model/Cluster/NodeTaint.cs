// A taint a node registers with (kubeadm's control-plane taint, or nodeRegistration.taints from kubeadmConfigPatches).
namespace Kinet.Model.Cluster;

public sealed record NodeTaint(string Key, string? Value, string Effect)
{
    /// <summary>The taint kubeadm puts on control-plane nodes (removed by kind when the cluster has one node).</summary>
    public static NodeTaint ControlPlane { get; } = new("node-role.kubernetes.io/control-plane", null, "NoSchedule");

    public override string ToString() => Value is null ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}
