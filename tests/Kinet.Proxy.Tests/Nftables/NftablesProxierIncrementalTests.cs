// Partial syncs: after a full sync, a new state yields a transaction touching only what changed, and a chain of partial
// syncs leaves the table exactly as one full sync of the final state would.
using System.Net;
using Kinet.Model.Services;
using Kinet.Nftables;
using Kinet.Nftables.Fake;
using Kinet.Nftables.Objects;
using Kinet.Proxy.Nftables;
using static Kinet.Proxy.Tests.Nftables.ProxyFixture;

namespace Kinet.Proxy.Tests.Nftables;

public sealed class NftablesProxierIncrementalTests
{
    private static (NftFake, NftablesProxier) Synced(ProxyFixture fixture) => fixture.Render();

    private static void Apply(NftFake fake, NftablesProxier proxier, ProxyState state)
    {
        fake.Apply(proxier.Sync(state, full: false));
        proxier.Committed();
    }

    [Fact]
    public void Nothing_changed_gives_an_empty_transaction()
    {
        var fixture = NftablesProxierGoldenTests.Overall();
        var (_, proxier) = Synced(fixture);
        var tx = proxier.Sync(fixture.State, full: false);
        Assert.Equal(0, tx.Count);
        Assert.False(proxier.LastSyncWasFull);
    }

    [Fact]
    public void Changing_one_endpoint_touches_only_that_service_ports_objects()
    {
        var fixture = NftablesProxierGoldenTests.Overall();
        var (fake, proxier) = Synced(fixture);
        var svc1 = new ServicePortName("ns1", "svc1", "p80", ServiceProtocol.Tcp);
        fixture.SetEndpoints(svc1, Ep("10.180.0.7"));
        var tx = proxier.Sync(fixture.State, full: false);

        Assert.Equal(1, proxier.LastRenderedPorts);
        var lines = tx.ToScript().TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.Contains("ns1/svc1/tcp/p80", line));
        // New endpoint chain (add, flush, 3 rules), service chain (add, flush, 2 rules), old endpoint chain (flush, delete).
        Assert.Equal(
            [
                "add chain ip kube-proxy endpoint-P7VOJY6J-ns1/svc1/tcp/p80__10.180.0.7/80",
                "flush chain ip kube-proxy endpoint-P7VOJY6J-ns1/svc1/tcp/p80__10.180.0.7/80",
                "add chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80",
                "flush chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80",
                "add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 tcp dport 80 ip saddr != 10.180.0.0/16 jump mark-for-masquerade",
                "add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-P7VOJY6J-ns1/svc1/tcp/p80__10.180.0.7/80 }",
                "add rule ip kube-proxy endpoint-P7VOJY6J-ns1/svc1/tcp/p80__10.180.0.7/80 ip saddr 10.180.0.7 jump mark-for-masquerade",
                "add rule ip kube-proxy endpoint-P7VOJY6J-ns1/svc1/tcp/p80__10.180.0.7/80 meta l4proto tcp dnat to 10.180.0.7:80",
                "flush chain ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80",
                "delete chain ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80",
            ], lines);
        fake.Apply(tx);
        proxier.Committed();
        Assert.Equal(Dump(fixture.Render().Fake), Dump(fake));
    }

    [Fact]
    public void Losing_the_last_endpoint_moves_the_cluster_IP_from_service_ips_to_no_endpoint_services()
    {
        var fixture = NftablesProxierGoldenTests.Overall();
        var (fake, proxier) = Synced(fixture);
        var svc1 = new ServicePortName("ns1", "svc1", "p80", ServiceProtocol.Tcp);
        fixture.SetEndpoints(svc1);
        var script = proxier.Sync(fixture.State, full: false).ToScript();
        Assert.Contains("delete element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 }\n", script);
        Assert.Contains("add element ip kube-proxy no-endpoint-services { 172.30.0.41 . tcp . 80 comment \"ns1/svc1:p80\" : goto reject-chain }\n", script);
        Assert.DoesNotContain("cluster-ips", script);
    }

    [Fact]
    public void A_failed_apply_makes_the_next_sync_full()
    {
        var fixture = NftablesProxierGoldenTests.Overall();
        var (fake, proxier) = Synced(fixture);
        fixture.SetEndpoints(new ServicePortName("ns1", "svc1", "p80", ServiceProtocol.Tcp), Ep("10.180.0.7"));
        fixture.Remove(new ServicePortName("ns2", "svc2", "p80", ServiceProtocol.Tcp));
        proxier.Sync(fixture.State, full: false);
        proxier.Failed();
        var tx = proxier.Sync(fixture.State, full: false);
        Assert.True(proxier.LastSyncWasFull);
        // The table still holds what the last successful sync wrote; the full sync must clean that up.
        fake.Apply(tx);
        proxier.Committed();
        Assert.Equal(Dump(fixture.Render().Fake), Dump(fake));
    }

    [Fact]
    public void A_full_resync_over_a_synced_table_keeps_it_identical()
    {
        var fixture = NftablesProxierGoldenTests.Overall();
        var (fake, proxier) = Synced(fixture);
        var before = Dump(fake);
        fake.Apply(proxier.Sync(fixture.State, full: true));
        proxier.Committed();
        Assert.Equal(before, Dump(fake));
    }

    [Fact]
    public void The_first_sync_removes_leftovers_of_an_earlier_run()
    {
        var fake = new NftFake();
        var table = new NftablesProxier().Table;
        fake.Apply(new Kinet.Nftables.Transactions.NftTransaction(table).Add(table).Add(new NftChain("service-OLD-ns9/old/tcp/p80")));
        var proxier = new NftablesProxier();
        fake.Apply(proxier.Sync(new ProxyFixture().State, full: true));
        Assert.Equal(Dump(new ProxyFixture().Render().Fake), Dump(fake));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Any_sequence_of_partial_syncs_ends_where_a_full_sync_would(int seed)
    {
        var random = new Random(seed);
        var fixture = new ProxyFixture();
        var names = new List<ServicePortName>();
        var (fake, proxier) = Synced(fixture);
        for (var step = 0; step < 40; step++)
        {
            RandomChange(random, fixture, names);
            var state = fixture.State;
            try
            {
                Apply(fake, proxier, state);
            }
            catch (NftablesException e)
            {
                Assert.Fail($"seed {seed} step {step}: {e.Message}");
            }
            Assert.Equal(Dump(fixture.Render().Fake), Dump(fake));
        }
    }

    private static void RandomChange(Random random, ProxyFixture fixture, List<ServicePortName> names)
    {
        var choice = names.Count == 0 ? 0 : random.Next(6);
        switch (choice)
        {
            case 0 or 1:
                {
                    var n = names.Count + 1 + random.Next(1000);
                    var portName = random.Next(3) == 0 ? "" : $"p{random.Next(3)}";
                    var protocol = (ServiceProtocol)random.Next(3);
                    var svc = MakeService($"ns{random.Next(3)}", $"svc{random.Next(6)}", $"172.30.{random.Next(2)}.{1 + random.Next(20)}", 80 + random.Next(3), s => s with
                    {
                        NodePort = random.Next(3) == 0 ? 30000 + n : 0,
                        ExternalPolicyLocal = random.Next(3) == 0,
                        InternalPolicyLocal = random.Next(5) == 0,
                        ClientIPAffinity = random.Next(4) == 0,
                        LoadBalancerIPs = random.Next(4) == 0 ? [IPAddress.Parse($"5.6.7.{random.Next(5)}")] : [],
                        LoadBalancerSourceRanges = random.Next(2) == 0 ? ["203.0.113.0/25"] : [],
                        ExternalIPs = random.Next(5) == 0 ? [IPAddress.Parse($"5.6.8.{random.Next(5)}")] : [],
                    }, portName, protocol);
                    fixture.Add(svc, RandomEndpoints(random));
                    if (!names.Contains(svc.Name)) names.Add(svc.Name);
                    break;
                }
            case 2:
                {
                    var name = names[random.Next(names.Count)];
                    fixture.Remove(name);
                    names.Remove(name);
                    break;
                }
            default:
                fixture.SetEndpoints(names[random.Next(names.Count)], RandomEndpoints(random));
                break;
        }
    }

    private static EndpointInfo[] RandomEndpoints(Random random) =>
        Enumerable.Range(0, random.Next(5))
            .Select(_ => Ep($"10.180.{random.Next(2)}.{1 + random.Next(6)}", 8000 + random.Next(2), ready: random.Next(4) != 0, terminating: random.Next(4) == 0))
            .DistinctBy(e => e.Key)
            .ToArray();
}
