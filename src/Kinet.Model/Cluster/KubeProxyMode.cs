// kind's networking.kubeProxyMode. Kinet's service proxy always programs nftables; None means no service proxy at all.
namespace Kinet.Model.Cluster;

public enum KubeProxyMode { Iptables, Ipvs, Nftables, None }
