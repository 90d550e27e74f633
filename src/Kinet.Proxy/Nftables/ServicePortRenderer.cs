// One Service port's part of the table, as kube-proxy's syncProxyRules writes it: the elements that route its
// addresses (cluster IP, external IPs, load-balancer IPs, NodePort) into its chains or to reject/drop when it has no
// usable endpoints, its policy chains (service-/local-), its external- and firewall- chains, its affinity sets, and
// one chain per endpoint (hairpin masquerade, affinity update, DNAT). Which endpoints serve which traffic is
// EndpointCategories' decision (kube-proxy's CategorizeEndpoints).
using System.Globalization;
using Kinet.Model.Services;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;
using static Kinet.Proxy.Nftables.ProxyNames;

namespace Kinet.Proxy.Nftables;

internal static class ServicePortRenderer
{
    public static RenderedPort Render(NftTransaction tx, ProxyState state, FamilySyntax f, ServicePortInfo svc, IReadOnlyList<EndpointInfo> endpoints)
    {
        var name = svc.Name;
        var protocol = name.LowerProtocol;
        var port = svc.Port.ToString(CultureInfo.InvariantCulture);
        var nameString = name.ToString();
        var cats = EndpointCategories.Of(svc, endpoints);
        // Names are hashes: compute each once.
        var portBase = ServicePortBase(name);
        var endpointBases = new Dictionary<EndpointInfo, string>(ReferenceEqualityComparer.Instance);
        foreach (var ep in cats.AllReachable)
            endpointBases.TryAdd(ep, EndpointBase(name, ep));
        string EndpointChainOf(EndpointInfo ep) => EndpointPrefix + endpointBases[ep];
        string AffinitySetOf(EndpointInfo ep) => AffinityPrefix + endpointBases[ep];
        var chains = new List<string>();
        var affinitySets = new List<string>();
        var elements = new List<NftElement>();

        void Ensure(string chain)
        {
            if (chains.Contains(chain)) return;
            chains.Add(chain);
            var c = new NftChain(chain);
            tx.Add(c);
            tx.Flush(c);
        }

        foreach (var ep in cats.AllReachable)
        {
            Ensure(EndpointChainOf(ep));
            if (svc.ClientIPAffinity)
                affinitySets.Add(AffinitySetOf(ep));
        }

        var clusterChain = ClusterPolicyPrefix + portBase;
        var usesClusterChain = cats.Cluster.Count > 0 && EndpointCategories.UsesClusterEndpoints(svc);
        if (usesClusterChain) Ensure(clusterChain);

        var localChain = LocalPolicyPrefix + portBase;
        var usesLocalChain = cats.Local.Count > 0 && EndpointCategories.UsesLocalEndpoints(svc);
        if (usesLocalChain) Ensure(localChain);

        var hasEndpoints = cats.HasAnyEndpoints;
        var internalChain = clusterChain;
        var hasInternal = hasEndpoints;
        if (svc.InternalPolicyLocal)
        {
            internalChain = localChain;
            if (cats.Local.Count == 0) hasInternal = false;
        }
        var externalPolicyChain = clusterChain;
        var hasExternal = hasEndpoints;
        if (svc.ExternalPolicyLocalEffective)
        {
            externalPolicyChain = localChain;
            if (cats.Local.Count == 0) hasExternal = false;
        }
        var externalChain = ExternalPrefix + portBase;
        // Needed even without external endpoints: it holds the short-circuit for traffic from pods and the host.
        var usesExternalChain = hasEndpoints && svc.ExternallyAccessible;
        if (usesExternalChain) Ensure(externalChain);

        string internalVerdict = "", externalVerdict = "";
        if (!hasEndpoints)
            internalVerdict = externalVerdict = $"goto {RejectChain}";
        else
        {
            if (!hasInternal) internalVerdict = "drop";
            if (!hasExternal) externalVerdict = "drop";
        }

        void Element(string map, string[] key, string? value = null, string? comment = null) =>
            elements.Add(new NftElement(map, key, value is null ? null : [value], comment));

        var clusterIP = svc.ClusterIP.ToString();
        Element(ClusterIPsSet, [clusterIP]);
        if (hasInternal)
            Element(ServiceIPsMap, [clusterIP, protocol, port], $"goto {internalChain}");
        else
            Element(NoEndpointServicesMap, [clusterIP, protocol, port], internalVerdict, nameString);

        foreach (var ip in svc.ExternalIPs)
        {
            if (hasEndpoints)
                Element(ServiceIPsMap, [ip.ToString(), protocol, port], $"goto {externalChain}");
            if (!hasExternal)
                Element(NoEndpointServicesMap, [ip.ToString(), protocol, port], externalVerdict, nameString);
        }

        var usesFirewall = svc.LoadBalancerIPs.Count > 0 && svc.LoadBalancerSourceRanges.Count > 0;
        var firewallChain = FirewallPrefix + portBase;
        if (usesFirewall) Ensure(firewallChain);
        foreach (var ip in svc.LoadBalancerIPs)
        {
            if (hasEndpoints)
                Element(ServiceIPsMap, [ip.ToString(), protocol, port], $"goto {externalChain}");
            if (usesFirewall)
                Element(FirewallIPsMap, [ip.ToString(), protocol, port], $"goto {firewallChain}");
        }
        if (!hasExternal)
            foreach (var ip in svc.LoadBalancerIPs)
                Element(NoEndpointServicesMap, [ip.ToString(), protocol, port], externalVerdict, nameString);

        if (svc.NodePort != 0)
        {
            var nodePort = svc.NodePort.ToString(CultureInfo.InvariantCulture);
            // NodePorts are not subject to loadBalancerSourceRanges (upstream cannot change that any more).
            if (hasEndpoints)
                Element(ServiceNodePortsMap, [protocol, nodePort], $"goto {externalChain}");
            if (!hasExternal)
                Element(NoEndpointNodePortsMap, [protocol, nodePort], externalVerdict, nameString);
        }

        // Traffic to the cluster IP from outside the pod network (the host, another node routing the service CIDR)
        // is masqueraded, since its endpoint may be on another node.
        if (hasInternal && f.IfNotLocal is not null)
            tx.Add(new NftRule(internalChain, $"{f.Ip} daddr {clusterIP} {protocol} dport {port} {f.IfNotLocal} jump {MarkMasqChain}"));

        if (usesExternalChain)
        {
            if (!svc.ExternalPolicyLocalEffective)
                tx.Add(new NftRule(externalChain, $"jump {MarkMasqChain}"));
            else
            {
                if (f.IfLocal is not null)
                    tx.Add(new NftRule(externalChain, $"{f.IfLocal} goto {clusterChain}", "short-circuit pod traffic"));
                tx.Add(new NftRule(externalChain, $"fib saddr type local jump {MarkMasqChain}", "masquerade local traffic"));
                tx.Add(new NftRule(externalChain, $"fib saddr type local goto {clusterChain}", "short-circuit local traffic"));
            }
            if (hasExternal)
                tx.Add(new NftRule(externalChain, $"goto {externalPolicyChain}"));
        }

        if (usesFirewall)
        {
            var sources = svc.LoadBalancerSourceRanges.ToList();
            var nodeIP = state.NodeIPs.FirstOrDefault(ip => ip.AddressFamily == f.AddressFamily);
            var allowFromNode = nodeIP is not null && sources.Any(c => System.Net.IPNetwork.TryParse(c, out var n) && n.Contains(nodeIP));
            // A VIP-style load balancer's address is often local: the node's own requests come from the VIP then.
            if (allowFromNode)
                sources.AddRange(svc.LoadBalancerIPs.Select(ip => ip.ToString()));
            tx.Add(new NftRule(firewallChain, $"{f.Ip} saddr != {{ {string.Join(" , ", sources)} }} drop"));
        }

        if (svc.ClientIPAffinity)
            foreach (var set in affinitySets)
                // "dynamic" too: some kernels add it themselves, and re-adding the set without it would then fail.
                tx.Add(new NftSet(set, f.AddrType, ["dynamic", "timeout"], svc.StickyMaxAgeSeconds));

        if (usesClusterChain)
            WriteServiceToEndpointRules(tx, f, svc, clusterChain, cats.Cluster, EndpointChainOf, AffinitySetOf);
        if (usesLocalChain)
            WriteServiceToEndpointRules(tx, f, svc, localChain, cats.Local, EndpointChainOf, AffinitySetOf);

        foreach (var ep in cats.AllReachable)
        {
            var chain = EndpointChainOf(ep);
            // Hairpin: a pod reaching itself through the Service must see the node as the source.
            tx.Add(new NftRule(chain, $"{f.Ip} saddr {ep.Address} jump {MarkMasqChain}"));
            if (svc.ClientIPAffinity)
                tx.Add(new NftRule(chain, $"update @{AffinitySetOf(ep)} {{ {f.Ip} saddr }}"));
            tx.Add(new NftRule(chain, $"meta l4proto {protocol} dnat to {ep.Key}"));
        }

        return new RenderedPort(svc, endpoints, elements, chains, affinitySets);
    }

    private static void WriteServiceToEndpointRules(NftTransaction tx, FamilySyntax f, ServicePortInfo svc, string chain, IReadOnlyList<EndpointInfo> endpoints,
        Func<EndpointInfo, string> endpointChain, Func<EndpointInfo, string> affinitySet)
    {
        if (svc.ClientIPAffinity)
            foreach (var ep in endpoints)
                tx.Add(new NftRule(chain, $"{f.Ip} saddr @{affinitySet(ep)} goto {endpointChain(ep)}"));
        var entries = endpoints.Select((ep, i) => $"{i} : goto {endpointChain(ep)}");
        tx.Add(new NftRule(chain, $"numgen random mod {endpoints.Count} vmap {{ {string.Join(" , ", entries)} }}"));
    }
}
