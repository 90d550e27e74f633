// The slim cluster state DNS answers from (CoreDNS's object/ package: only what DNS needs), immutable and indexed for
// lookups by name and by IP. Built from the official client's models (V1Service, V1EndpointSlice, V1Pod, V1Namespace)
// by the converters beside it; the server swaps in a new view after each batch of changes.
// SEAM (written before the helpers started): the record helper implements it.
namespace Kinet.Model.Dns;

public sealed class ClusterDnsView
{
    public static ClusterDnsView Empty { get; } = new();
}
