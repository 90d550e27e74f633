// The rendered table as text, compared with golden files in testdata/ (KINET_UPDATE_GOLDEN=1 rewrites them).
using System.Net;
using System.Runtime.CompilerServices;
using Kinet.Model.Services;
using static Kinet.Proxy.Tests.Nftables.ProxyFixture;

namespace Kinet.Proxy.Tests.Nftables;

public sealed class NftablesProxierGoldenTests
{
    /// <summary>One Service of each kind kube-proxy's TestOverallNFTablesRules covers.</summary>
    internal static ProxyFixture Overall() => new ProxyFixture()
        // ClusterIP, one endpoint.
        .Add(MakeService("ns1", "svc1", "172.30.0.41"), Ep("10.180.0.1"))
        // NodePort with a local and a remote endpoint, ETP Local.
        .Add(MakeService("ns2", "svc2", "172.30.0.42", tweak: s => s with { NodePort = 3002, ExternalPolicyLocal = true, ExternalIPs = [IPAddress.Parse("5.6.7.9")] }),
            Ep("10.180.0.2"), Ep("10.180.1.2"))
        // LoadBalancer with source ranges and affinity.
        .Add(MakeService("ns3", "svc3", "172.30.0.43", tweak: s => s with
        {
            NodePort = 3003,
            LoadBalancerIPs = [IPAddress.Parse("5.6.7.8")],
            LoadBalancerSourceRanges = ["203.0.113.0/25"],
            ClientIPAffinity = true,
        }), Ep("10.180.1.3", 8080), Ep("10.180.1.4", 8081))
        // No endpoints: rejected.
        .Add(MakeService("ns4", "svc4", "172.30.0.44", tweak: s => s with { NodePort = 3004 }))
        // Internal traffic policy Local without a local endpoint: dropped.
        .Add(MakeService("ns5", "svc5", "172.30.0.45", 53, portName: "dns", protocol: ServiceProtocol.Udp, tweak: s => s with { InternalPolicyLocal = true }), Ep("10.180.1.5", 53));

    [Fact]
    public void The_overall_table_matches_its_golden_dump() => Golden("overall.nft", Dump(Overall().Render().Fake));

    [Fact]
    public void An_empty_state_renders_only_the_fixed_layout() => Golden("empty.nft", Dump(new ProxyFixture().Render().Fake));

    [Fact]
    public void Without_node_IPs_node_ports_answer_on_every_local_address() =>
        Golden("no-node-ips.nft", Dump(new ProxyFixture { WithNodeIPs = false }.Add(MakeService("ns1", "svc1", "172.30.0.41", tweak: s => s with { NodePort = 3001 }), Ep("10.180.0.1")).Render().Fake));

    [Fact]
    public void The_first_transaction_is_a_valid_nft_script_that_starts_by_replacing_the_table()
    {
        var script = new Kinet.Proxy.Nftables.NftablesProxier().Sync(Overall().State, full: true).ToScript();
        Assert.StartsWith("add table ip kube-proxy { comment \"rules for kube-proxy\" ; }\ndelete table ip kube-proxy\nadd table ip kube-proxy", script);
        Assert.Contains("\nadd element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }\n", script);
    }

    private static void Golden(string file, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "testdata", file);
        if (Environment.GetEnvironmentVariable("KINET_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"{path} is missing; run with KINET_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
