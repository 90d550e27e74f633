// The Corefile subset Kinet serves: one server block (`.:53`) with `kubernetes <zones> { pods ...; ttl N; fallthrough }`
// and `forward . <upstreams>`; other plugins (errors, health, ready, prometheus, cache, loop, reload, loadbalance)
// are accepted and ignored. SEAM (written before the helpers started): the record helper implements it.
namespace Kinet.Model.Dns;

public static class Corefile
{
    /// <summary>The configuration of <paramref name="text"/>; throws <see cref="CorefileException"/> (line number and
    /// CoreDNS-like message) when it is not valid.</summary>
    public static ClusterDnsConfig Parse(string text) => throw new NotImplementedException("Corefile.Parse");

    /// <summary>The Corefile kubeadm writes into the coredns ConfigMap (with Kinet's cluster domain).</summary>
    public static string Default(string clusterDomain = "cluster.local") => throw new NotImplementedException("Corefile.Default");
}

public sealed class CorefileException(string message) : Exception(message);
