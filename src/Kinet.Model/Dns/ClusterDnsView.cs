// The slim cluster state DNS answers from (CoreDNS's object/ package: only what DNS needs), immutable and indexed for
// lookups by name and by IP. Built from the official client's models; the server swaps in a new view after each batch
// of changes. SEAM (written before the helpers started): the record helper implements it.
using k8s.Models;

namespace Kinet.Model.Dns;

public sealed class ClusterDnsView
{
    public static ClusterDnsView Empty { get; } = new();

    /// <summary>A view of these objects. Pods are needed only for `pods verified`; namespaces to tell an existing
    /// namespace from a missing one (CoreDNS answers NXDOMAIN for names in namespaces that do not exist).</summary>
    public static ClusterDnsView Build(IEnumerable<V1Service> services, IEnumerable<V1EndpointSlice> slices,
        IEnumerable<V1Pod> pods, IEnumerable<V1Namespace> namespaces) => throw new NotImplementedException("ClusterDnsView.Build");
}
