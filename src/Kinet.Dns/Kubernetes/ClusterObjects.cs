// The objects DNS answers from, as last seen by the watches: what ClusterDnsView.Build takes.
using k8s.Models;

namespace Kinet.Dns.Kubernetes;

public sealed record ClusterObjects(
    IReadOnlyList<V1Service> Services,
    IReadOnlyList<V1EndpointSlice> EndpointSlices,
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V1Namespace> Namespaces)
{
    public static ClusterObjects Empty { get; } = new([], [], [], []);
}
