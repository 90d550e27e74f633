// How pod traffic crosses nodes: Routed (host-gw: plain routes via the other node's underlay address, MTU 1500) or
// Vxlan (Flannel-style overlay on flannel.1, VNI 1, UDP 8472, pod MTU 1450).
namespace Kinet.Node.Network;

public enum NetworkMode
{
    Routed,
    Vxlan,
}
