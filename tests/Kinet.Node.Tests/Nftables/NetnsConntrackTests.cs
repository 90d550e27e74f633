// The conntrack tool inside a node's namespace: its listing is parsed into UDP flows, and a flow is deleted by the
// (orig-dst, orig-port-dst, reply-src) filter the proxy computes.
using System.Net;
using System.Net.Sockets;
using Kinet.Node.Network;
using Kinet.Node.Nftables;

namespace Kinet.Node.Tests.Nftables;

public sealed class NetnsConntrackTests
{
    [Fact]
    public void A_listing_gives_original_destination_and_reply_source()
    {
        var flows = NetnsConntrack.Parse("""
            udp      17 29 src=10.244.1.5 dst=10.96.0.10 sport=40000 dport=53 [UNREPLIED] src=10.244.2.7 dst=10.244.1.5 sport=53 dport=40000 mark=0 use=1
            tcp      6 431999 ESTABLISHED src=10.244.1.5 dst=10.96.0.20 sport=1 dport=80 src=10.244.2.7 dst=10.244.1.5 sport=80 dport=1 [ASSURED] mark=0 use=1
            udp      17 10 src=172.18.0.1 dst=172.18.0.2 sport=5000 dport=30053 src=10.244.2.8 dst=10.244.1.0 sport=53 dport=5000 mark=0 use=1
            """);
        Assert.Equal([
            new NetnsConntrack.UdpFlow(IPAddress.Parse("10.96.0.10"), 53, IPAddress.Parse("10.244.2.7")),
            new NetnsConntrack.UdpFlow(IPAddress.Parse("172.18.0.2"), 30053, IPAddress.Parse("10.244.2.8")),
        ], flows);
    }

    [Fact]
    public async Task A_udp_flow_in_the_namespace_is_listed_and_deleted_by_filter()
    {
        using var ns = ThrowawayNetns.Create();
        // Conntrack runs in a namespace once a rule there uses it.
        await new NetnsNftables(ns.Name).RunScriptAsync("""
            add table ip kinet-ct
            add chain ip kinet-ct out { type filter hook output priority 0 ; }
            add rule ip kinet-ct out ct state new counter
            """, CancellationToken.None);
        using var receiver = await NetnsSockets.CreateAsync(ns.Path, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;
        using var sender = await NetnsSockets.CreateAsync(ns.Path, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await sender.SendToAsync("x"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));

        var conntrack = new NetnsConntrack(ns.Name);
        var flows = await conntrack.ListUdpAsync(AddressFamily.InterNetwork, CancellationToken.None);
        Assert.Contains(new NetnsConntrack.UdpFlow(IPAddress.Loopback, port, IPAddress.Loopback), flows);

        Assert.Equal(0, await conntrack.DeleteUdpAsync(IPAddress.Loopback, port, IPAddress.Parse("10.9.9.9"), CancellationToken.None));
        Assert.Equal(1, await conntrack.DeleteUdpAsync(IPAddress.Loopback, port, IPAddress.Loopback, CancellationToken.None));
        Assert.DoesNotContain(new NetnsConntrack.UdpFlow(IPAddress.Loopback, port, IPAddress.Loopback), await conntrack.ListUdpAsync(AddressFamily.InterNetwork, CancellationToken.None));
    }
}
