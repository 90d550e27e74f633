// The iptables view's rules do what kube-proxy's do: packets walked through them with IptablesTracer end where
// upstream's packet-flow tests say (pods reach endpoints unmasqueraded, outside clients are masqueraded, hairpin is
// masqueraded, externalTrafficPolicy Local keeps the client address and stays on the node, no endpoints rejects,
// source ranges drop strangers). Addresses follow ViewBuilders' conventions.
using static Kinet.Proxy.Tests.Views.ViewBuilders;

namespace Kinet.Proxy.Tests.Views;

public class IptablesTraceTests
{
    public static TheoryData<string, string, string, int, bool, string> Flows() => new()
    {
        { "pod to cluster IP", "10.0.0.2", "172.30.0.41", 80, false, "DNAT 10.180.0.1:80" },
        { "outside to cluster IP", "192.168.50.1", "172.30.0.41", 80, false, "DNAT 10.180.0.1:80 masq" },
        { "pod to itself through its Service", "10.180.0.1", "172.30.0.41", 80, false, "DNAT 10.180.0.1:80 masq" },
        { "wrong port", "10.0.0.2", "172.30.0.41", 81, false, "ACCEPT" },
        { "outside to NodePort, Cluster policy", "192.168.50.1", "192.168.0.2", 3003, false, "DNAT 10.180.0.3:80 masq" },
        { "node to its own NodePort on localhost", "127.0.0.1", "127.0.0.1", 3003, true, "DNAT 10.180.0.3:80 masq" },
        { "outside to external IP, Local policy, no local endpoint", "192.168.50.1", "192.168.99.22", 80, false, "DROP" },
        { "pod to external IP, Local policy, no local endpoint", "10.0.0.2", "192.168.99.22", 80, false, "DNAT 10.180.0.2:80" },
        { "node to load-balancer IP, Local policy, no local endpoint", "192.168.0.2", "1.2.3.4", 80, true, "DNAT 10.180.0.2:80 masq" },
        { "outside to NodePort, Local policy, no local endpoint", "192.168.50.1", "192.168.0.2", 3001, false, "DROP" },
        { "allowed source to load balancer with source ranges", "203.0.113.7", "5.6.7.8", 80, false, "DNAT 10.180.0.3:80 masq" },
        { "other source to load balancer with source ranges", "198.51.100.7", "5.6.7.8", 80, false, "DROP" },
        { "pod to Service without endpoints", "10.0.0.2", "172.30.0.46", 80, false, "REJECT" },
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public void Packets_end_where_kube_proxy_sends_them(string flow, string source, string destination, int port, bool fromNode, string expected)
    {
        var packet = new Packet(source, destination, port, FromNode: fromNode);
        var outcome = Assert.Single(IptablesTracer.Trace(ViewCases.UpstreamOverall(), packet));
        Assert.True(Math.Abs(outcome.Probability - 1) < 1e-9, flow);
        Assert.Equal(expected, Describe(outcome));
    }

    [Fact]
    public void External_traffic_policy_local_keeps_outside_clients_on_local_endpoints_unmasqueraded()
    {
        var state = State((Port("ns1", "web", "http", "172.30.1.1", 80, s => s with { NodePort = 3001, ExternalPolicyLocal = true }),
            [Endpoint("10.180.0.1", 8080, local: true), Endpoint("10.180.0.2", 8080), Endpoint("10.180.0.3", 8080, local: true)]));

        var fromOutside = IptablesTracer.Trace(state, new Packet("192.168.50.1", "192.168.0.2", 3001));
        Assert.Equal(["DNAT 10.180.0.1:8080", "DNAT 10.180.0.3:8080"], fromOutside.Select(Describe).Order());
        Assert.All(fromOutside, o => Assert.Equal(0.5, o.Probability, 1e-9));

        var fromPod = IptablesTracer.Trace(state, new Packet("10.0.0.9", "172.30.1.1", 80));
        Assert.Equal(["DNAT 10.180.0.1:8080", "DNAT 10.180.0.2:8080", "DNAT 10.180.0.3:8080"], fromPod.Select(Describe).Order());
    }

    [Fact]
    public void The_seeds_three_endpoints_each_get_a_third()
    {
        var outcomes = IptablesTracer.Trace(ViewCases.SeedMyService(), new Packet("10.244.1.20", "10.96.45.10", 80));
        Assert.Equal(["DNAT 10.244.1.5:9376", "DNAT 10.244.2.7:9376", "DNAT 10.244.3.9:9376"], outcomes.Select(Describe).Order());
        Assert.All(outcomes, o => Assert.Equal(1.0 / 3, o.Probability, 1e-9));
    }

    [Fact]
    public void Internal_traffic_policy_local_without_a_local_endpoint_drops()
    {
        var outcome = Assert.Single(IptablesTracer.Trace(ViewCases.TrafficPolicies(), new Packet("10.0.0.2", "172.30.1.2", 80)));
        Assert.Equal("DROP", outcome.Verdict);
    }

    private static string Describe(TraceOutcome o) =>
        o.Verdict == "DNAT" ? $"DNAT {o.Destination}{(o.Masqueraded ? " masq" : "")}" : o.Verdict;
}
