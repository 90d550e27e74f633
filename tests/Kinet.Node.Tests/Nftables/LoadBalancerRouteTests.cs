// The host's /32 routes for LoadBalancer addresses: added via the chosen node, moved, removed, and gone with the cluster.
using System.Net;
using Kinet.Node.Network;
using Kinet.Node.Tests.Network;

namespace Kinet.Node.Tests.Nftables;

public sealed class LoadBalancerRouteTests
{
    [Fact]
    public async Task Load_balancer_addresses_are_routed_via_their_node_and_removed_when_no_longer_wanted()
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 2);
        var bridge = NetworkNames.Bridge(cluster.Name);
        var lb = Nth(cluster.Spec.Underlay, 200);
        var (n0, n1) = (cluster.Spec.Nodes[0], cluster.Spec.Nodes[1]);

        await cluster.Network.SetLoadBalancerRoutesAsync(new Dictionary<IPAddress, string> { [lb] = n1.Name }, CancellationToken.None);
        Assert.Contains($"{lb} via {n1.Address}", await Host.OkAsync($"ip -4 route show dev {bridge}"));
        Assert.Contains($"via {n1.Address}", await Host.OkAsync($"ip -4 route get {lb}"));

        await cluster.Network.SetLoadBalancerRoutesAsync(new Dictionary<IPAddress, string> { [lb] = n0.Name }, CancellationToken.None);
        Assert.Contains($"{lb} via {n0.Address}", await Host.OkAsync($"ip -4 route show dev {bridge}"));

        await cluster.Network.SetLoadBalancerRoutesAsync(new Dictionary<IPAddress, string>(), CancellationToken.None);
        var routes = await Host.OkAsync($"ip -4 route show dev {bridge}");
        Assert.DoesNotContain(lb.ToString() + " ", routes);
        Assert.Contains(Cidr.Format(n0.PodCidr), routes); // the pod CIDR routes stay
    }

    private static IPAddress Nth(IPNetwork network, uint n)
    {
        var b = network.BaseAddress.GetAddressBytes();
        var v = ((uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3]) + n;
        return new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
    }
}
