// Kinet extension networking.kinetMode: how pod traffic crosses nodes (DESIGN.md: host-gw routes or a VXLAN overlay).
namespace Kinet.Model.Cluster;

public enum PodNetworkMode { Routed, Vxlan }
