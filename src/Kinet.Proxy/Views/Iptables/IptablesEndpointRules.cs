// The endpoint half of kube-proxy's iptables mode: a SVC/SVL chain picks one endpoint (ClientIP affinity first, then
// `-m statistic --mode random` rules with probability 1/(n-i), the last one unconditional, so every endpoint gets
// 1/n), and each KUBE-SEP chain masquerades hairpin traffic and DNATs to its endpoint.
using System.Globalization;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Iptables;

internal static class IptablesEndpointRules
{
    public static void WriteDispatch(IptablesContext c, ServicePortInfo svc, string chain, IReadOnlyList<EndpointInfo> endpoints)
    {
        var nameString = svc.Name.ToString();
        if (svc.ClientIPAffinity)
        {
            foreach (var endpoint in endpoints)
            {
                var sep = IptablesChainNames.Endpoint(svc.Name, endpoint);
                c.Nat(chain, [.. c.ServiceComment(IptablesContext.Quoted($"{nameString} -> {endpoint.Key}")),
                    "-m", "recent", "--name", sep, "--rcheck", "--seconds", svc.StickyMaxAgeSeconds.ToString(CultureInfo.InvariantCulture),
                    "--reap", "-j", sep]);
            }
        }
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            string[] args = [.. c.ServiceComment(IptablesContext.Quoted($"{nameString} -> {endpoint.Key}"))];
            if (i < endpoints.Count - 1)
                args = [.. args, "-m", "statistic", "--mode", "random", "--probability", Probability(endpoints.Count - i)];
            c.Nat(chain, [.. args, "-j", IptablesChainNames.Endpoint(svc.Name, endpoint)]);
        }
    }

    public static void WriteEndpointChain(IptablesContext c, ServicePortInfo svc, EndpointInfo endpoint)
    {
        var chain = IptablesChainNames.Endpoint(svc.Name, endpoint);
        c.Rules.NatChains.Add(chain);
        var comment = c.ServiceComment(svc.Name.ToString()).ToArray();
        var protocol = svc.Name.LowerProtocol;
        // A pod reaching itself through its Service (hairpin) must be masqueraded or the reply would skip the DNAT.
        c.Nat(chain, [.. comment, "-s", endpoint.Address.ToString(), "-j", "KUBE-MARK-MASQ"]);
        string[] args = comment;
        if (svc.ClientIPAffinity) args = [.. args, "-m", "recent", "--name", chain, "--set"];
        c.Nat(chain, [.. args, "-m", protocol, "-p", protocol, "-j", "DNAT", "--to-destination", endpoint.Key]);
    }

    /// <summary>kube-proxy's computeProbability: 1/n printed with Go's "%0.10f".</summary>
    public static string Probability(int n) => (1.0 / n).ToString("F10", CultureInfo.InvariantCulture);
}
