// kind's node roles; the config spelling is "control-plane" / "worker".
namespace Kinet.Model.Cluster;

public enum NodeRole { ControlPlane, Worker }

public static class NodeRoles
{
    public static string ToConfigString(this NodeRole role) => role == NodeRole.ControlPlane ? "control-plane" : "worker";
}
