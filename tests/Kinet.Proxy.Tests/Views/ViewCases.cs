// The states the golden files are rendered from, one per case (testdata/<case>.iptables and .ipvs).
using Kinet.Model.Services;
using static Kinet.Proxy.Tests.Views.ViewBuilders;

namespace Kinet.Proxy.Tests.Views;

internal static class ViewCases
{
    public static IReadOnlyDictionary<string, ProxyState> All { get; } = new Dictionary<string, ProxyState>
    {
        ["seed-my-service"] = SeedMyService(),
        ["upstream-overall"] = UpstreamOverall(),
        ["traffic-policies"] = TrafficPolicies(),
        ["ipv6"] = Ipv6(),
    };

    /// <summary>The seed's `my-service` (default namespace, unnamed port 80 → 9376, three pods) on a kind-like node
    /// with the seed's addresses, plus the kubernetes Service so the dump has a neighbour.</summary>
    public static ProxyState SeedMyService() => StateFor("kinet-worker", ["172.18.0.3"], ["10.244.0.0/16"],
        (Port("default", "my-service", "", "10.96.45.10", 80),
            [Endpoint("10.244.1.5", 9376), Endpoint("10.244.2.7", 9376, local: true), Endpoint("10.244.3.9", 9376)]),
        (Port("default", "kubernetes", "https", "10.96.0.1", 443), [Endpoint("172.18.0.2", 6443)]));

    /// <summary>kube-proxy's TestOverallIPTablesRules: ClusterIP; LoadBalancer with externalTrafficPolicy Local and no
    /// local endpoint; NodePort; external IP with a local and a remote endpoint; LoadBalancer with source ranges and
    /// ClientIP affinity; a Service without endpoints.</summary>
    public static ProxyState UpstreamOverall() => State(
        (Port("ns1", "svc1", "p80", "172.30.0.41", 80), [Endpoint("10.180.0.1", 80)]),
        (Port("ns2", "svc2", "p80", "172.30.0.42", 80, s => s with
        {
            NodePort = 3001,
            LoadBalancerIPs = Ips("1.2.3.4"),
            ExternalIPs = Ips("192.168.99.22"),
            ExternalPolicyLocal = true,
            HealthCheckNodePort = 30000,
        }), [Endpoint("10.180.0.2", 80)]),
        (Port("ns3", "svc3", "p80", "172.30.0.43", 80, s => s with { NodePort = 3003 }), [Endpoint("10.180.0.3", 80)]),
        (Port("ns4", "svc4", "p80", "172.30.0.44", 80, s => s with { ExternalIPs = Ips("192.168.99.33") }),
            [Endpoint("10.180.0.4", 80), Endpoint("10.180.0.5", 80, local: true)]),
        (Port("ns5", "svc5", "p80", "172.30.0.45", 80, s => s with
        {
            NodePort = 3002,
            LoadBalancerIPs = Ips("5.6.7.8"),
            HealthCheckNodePort = 30000,
            LoadBalancerSourceRanges = [" 203.0.113.0/25"],
            ClientIPAffinity = true,
            StickyMaxAgeSeconds = 10800,
        }), [Endpoint("10.180.0.3", 80)]),
        (Port("ns6", "svc6", "p80", "172.30.0.46", 80), []));

    /// <summary>The IPv6 half of a dual-stack node: ip6tables spells addresses, masks and REJECT differently, has no
    /// localhost NodePorts and no KUBE-FIREWALL rule.</summary>
    public static ProxyState Ipv6() => StateFor(TestNode, ["fd00::2"], ["fd00:10::/64"],
        (Port("ns1", "web", "http", "fd00:30::1", 80, s => s with
        {
            NodePort = 3001,
            LoadBalancerIPs = Ips("fd00:99::1"),
            ExternalPolicyLocal = true,
            HealthCheckNodePort = 30000,
            LoadBalancerSourceRanges = ["fd00::/16"],
            ClientIPAffinity = true,
        }), [Endpoint("fd00:10::1", 8080, local: true), Endpoint("fd00:10::2", 8080)]),
        (Port("ns6", "empty", "", "fd00:30::6", 80), []));

    /// <summary>What the overall case leaves out: externalTrafficPolicy Local with a local endpoint (KUBE-SVL),
    /// internalTrafficPolicy Local without one (DROP), a UDP port, only terminating endpoints (the fallback), a
    /// source range that covers the node, and a large affinity timeout.</summary>
    public static ProxyState TrafficPolicies() => State(
        (Port("ns1", "local-lb", "http", "172.30.1.1", 80, s => s with
        {
            NodePort = 3001,
            LoadBalancerIPs = Ips("1.2.3.4"),
            ExternalPolicyLocal = true,
            HealthCheckNodePort = 30001,
            LoadBalancerSourceRanges = ["192.168.0.0/16"],
        }), [Endpoint("10.180.0.1", 8080, local: true), Endpoint("10.180.0.2", 8080), Endpoint("10.180.0.3", 8080, local: true)]),
        (Port("ns1", "node-local", "", "172.30.1.2", 80, s => s with { InternalPolicyLocal = true }), [Endpoint("10.180.1.1", 80)]),
        (Port("ns2", "dns", "dns", "172.30.1.10", 53, protocol: ServiceProtocol.Udp),
            [Endpoint("10.180.2.1", 53), Endpoint("10.180.2.2", 53, local: true)]),
        (Port("ns2", "draining", "web", "172.30.1.3", 80),
            [Endpoint("10.180.3.1", 80, ready: false, terminating: true), Endpoint("10.180.3.2", 80, ready: false, serving: false, terminating: true)]),
        (Port("ns3", "sticky", "", "172.30.1.4", 443, s => s with { ClientIPAffinity = true, StickyMaxAgeSeconds = 60 }),
            [Endpoint("10.180.4.1", 8443), Endpoint("10.180.4.2", 8443), Endpoint("10.180.4.3", 8443, local: true)]));
}
