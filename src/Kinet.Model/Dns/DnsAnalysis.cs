// "What does <name> resolve to from a pod in namespace X": the pod's resolv.conf search list (kubelet's ClusterFirst:
// <ns>.svc.<domain> svc.<domain> <domain>) and ndots:5 applied as glibc's res_search does, each name answered by the
// record logic. For analysis commands; no server involved.
namespace Kinet.Model.Dns;

/// <summary>How the lookup ended: an answer with records, NODATA somewhere (glibc reports NO_DATA), NXDOMAIN
/// everywhere, or a name left to the forwarder (outside the zones; what the upstream says is not known here).</summary>
public enum DnsLookupOutcome { Answered, NoData, NxDomain, Forwarded }

public sealed record DnsLookupStep(string Name, DnsAnswer Answer);

/// <summary>The names tried in order with their answers; <c>Final</c> is the step that ended the search (the answer,
/// or the forwarded name), null when every name failed.</summary>
public sealed record DnsLookupResult(IReadOnlyList<DnsLookupStep> Tried, DnsLookupStep? Final, DnsLookupOutcome Outcome);

public static class DnsAnalysis
{
    public const int DefaultNdots = 5;

    /// <summary>The search list kubelet writes for a ClusterFirst pod in <paramref name="podNamespace"/>.</summary>
    public static IReadOnlyList<string> SearchList(string podNamespace, string clusterDomain = "cluster.local")
    {
        var d = clusterDomain.TrimEnd('.');
        return [$"{podNamespace}.svc.{d}", $"svc.{d}", d];
    }

    /// <summary>Resolves <paramref name="name"/> as glibc does from a pod in <paramref name="podNamespace"/>
    /// (search list <paramref name="search"/>, default kubelet's; <paramref name="ndots"/> default 5).</summary>
    public static DnsLookupResult Lookup(ClusterDnsView view, ClusterDnsConfig config, string podNamespace, string name,
        DnsType qtype = DnsType.A, IReadOnlyList<string>? search = null, int ndots = DefaultNdots)
    {
        search ??= SearchList(podNamespace, config.ClusterDomain);
        var tried = new List<DnsLookupStep>();
        var gotNoData = false;

        // One query; true when the search is over (an answer, or an error glibc does not search past).
        bool Try(string fqdn, out DnsLookupStep step)
        {
            step = new DnsLookupStep(fqdn, ClusterDnsResolver.Resolve(view, config, fqdn, qtype));
            tried.Add(step);
            var a = step.Answer;
            if (a.Kind == DnsAnswerKind.OutsideZones) return true;
            if (a.Rcode == DnsRcode.NoError && a.Answer.Count > 0) return true;
            if (a.Rcode == DnsRcode.NoError) { gotNoData = true; return false; }
            return a.Rcode != DnsRcode.NxDomain && a.Rcode != DnsRcode.ServFail;
        }

        DnsLookupResult Done(DnsLookupStep step) => new(tried, step, Outcome(step.Answer));

        var trailingDot = name.EndsWith('.');
        var bare = name.TrimEnd('.');
        var dots = bare.Count(c => c == '.');
        var triedAsIs = false;
        if (dots >= ndots || trailingDot)
        {
            if (Try(bare + ".", out var s)) return Done(s);
            triedAsIs = true;
        }
        if (!trailingDot)
        {
            foreach (var domain in search)
                if (Try($"{bare}.{domain.TrimEnd('.')}.", out var s)) return Done(s);
            if (!triedAsIs && Try(bare + ".", out var last)) return Done(last);
        }
        return new DnsLookupResult(tried, null, gotNoData ? DnsLookupOutcome.NoData : DnsLookupOutcome.NxDomain);
    }

    private static DnsLookupOutcome Outcome(DnsAnswer a) =>
        a.Kind == DnsAnswerKind.OutsideZones ? DnsLookupOutcome.Forwarded
        : a.Rcode == DnsRcode.NoError && a.Answer.Count > 0 ? DnsLookupOutcome.Answered
        : a.Rcode == DnsRcode.NoError ? DnsLookupOutcome.NoData : DnsLookupOutcome.NxDomain;
}
