// Test fixture: the companion lab's kind config — one control plane and two workers in region us-east-1, zones
// us-east-1a and us-east-1b — written both ways kind users label nodes (nodes[].labels and kubeadm patches).
namespace Kinet.Model.Tests.Cluster;

internal static class LabConfig
{
    public const string Yaml = """
        kind: Cluster
        apiVersion: kind.x-k8s.io/v1alpha4
        name: networking-lab
        nodes:
        - role: control-plane
          kubeadmConfigPatches:
          - |
            kind: InitConfiguration
            nodeRegistration:
              kubeletExtraArgs:
                node-labels: "ingress-ready=true"
        - role: worker
          labels:
            topology.kubernetes.io/region: us-east-1
            topology.kubernetes.io/zone: us-east-1a
        - role: worker
          kubeadmConfigPatches:
          - |
            kind: JoinConfiguration
            nodeRegistration:
              kubeletExtraArgs:
                node-labels: "topology.kubernetes.io/region=us-east-1,topology.kubernetes.io/zone=us-east-1b"
        """;
}
