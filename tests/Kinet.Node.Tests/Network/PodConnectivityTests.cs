// Pods on different nodes reach each other in both modes, without NAT, with the mode's MTU; the host reaches node and
// pod addresses; nothing in the cluster has a route out. Traffic goes only to addresses of the test's own cluster.
using System.Net;
using Kinet.Node.Network;

namespace Kinet.Node.Tests.Network;

public sealed class PodConnectivityTests
{
    [Theory]
    [InlineData(NetworkMode.Routed, 1500)]
    [InlineData(NetworkMode.Vxlan, 1450)]
    public async Task Pods_on_three_nodes_and_on_the_same_node_ping_each_other_with_the_modes_mtu(NetworkMode mode, int mtu)
    {
        await using var cluster = await TestCluster.UpAsync(mode, nodes: 3);
        var pods = new[]
        {
            await cluster.PodAsync(0, "a", 10),
            await cluster.PodAsync(1, "b", 10),
            await cluster.PodAsync(2, "c", 10),
            await cluster.PodAsync(0, "d", 11),
        };
        foreach (var from in pods)
            foreach (var to in pods.Where(p => p != from))
                await Host.OkAsync($"ip netns exec {from.NetnsName} ping -c1 -W2 {to.Addresses[0]}");
        var node0 = cluster.Network.NodeNetnsName("n0");
        var toNode1 = await Host.OkAsync($"ip -n {node0} route show {cluster.Node(1).PodCidr}");
        Assert.Contains(mode == NetworkMode.Vxlan
            ? $"via {cluster.Node(1).PodCidr.BaseAddress} dev flannel.1 onlink"
            : $"via {cluster.Node(1).Address} dev eth0", toNode1, StringComparison.Ordinal);
        if (mode == NetworkMode.Vxlan)
            Assert.Contains($"dst {cluster.Node(2).Address} self permanent", await Host.OkAsync($"bridge -n {node0} fdb show dev flannel.1"), StringComparison.Ordinal);
        foreach (var pod in pods)
        {
            Assert.Equal(mtu, pod.Mtu);
            var link = await Host.OkAsync($"ip -n {pod.NetnsName} -o link show eth0");
            Assert.Contains($"mtu {mtu} ", link, StringComparison.Ordinal);
            var address = await Host.OkAsync($"ip -n {pod.NetnsName} -o -4 addr show eth0");
            Assert.Contains($"inet {pod.Addresses[0]}/24 ", address, StringComparison.Ordinal);
            await Host.OkAsync($"ip netns exec {pod.NetnsName} ping -c1 -W2 127.0.0.1");
            var route = await Host.OkAsync($"ip -n {pod.NetnsName} route show default");
            Assert.Contains($"default via {pod.Gateway} dev eth0", route, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(NetworkMode.Routed)]
    [InlineData(NetworkMode.Vxlan)]
    public async Task The_receiver_sees_the_senders_pod_ip(NetworkMode mode)
    {
        await using var cluster = await TestCluster.UpAsync(mode, nodes: 2);
        var server = await cluster.PodAsync(0, "server", 7);
        var client = await cluster.PodAsync(1, "client", 9);
        using var listener = await NetnsSockets.ListenAsync(server.NetnsPath, new IPEndPoint(IPAddress.Any, 8080));
        var accept = listener.AcceptAsync();
        var connect = Host.OkAsync($"ip netns exec {client.NetnsName} bash -c 'echo hi > /dev/tcp/{server.Addresses[0]}/8080'");
        using var accepted = await accept;
        await connect;
        Assert.Equal(client.Addresses[0], ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Theory]
    [InlineData(NetworkMode.Routed)]
    [InlineData(NetworkMode.Vxlan)]
    public async Task The_host_reaches_node_and_pod_addresses(NetworkMode mode)
    {
        await using var cluster = await TestCluster.UpAsync(mode, nodes: 2);
        var pod = await cluster.PodAsync(1, "web", 5);
        await Host.OkAsync($"ping -c1 -W2 {cluster.Node(1).Address}");
        await Host.OkAsync($"ping -c1 -W2 {pod.Addresses[0]}");
        using var listener = await NetnsSockets.ListenAsync(pod.NetnsPath, new IPEndPoint(IPAddress.Any, 80));
        var accept = listener.AcceptAsync();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(pod.Addresses[0], 80);
        using var accepted = await accept;
        Assert.Equal(cluster.Spec.HostAddress, ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task Nothing_in_the_cluster_has_a_route_out()
    {
        var hostForwarding = File.ReadAllText("/proc/sys/net/ipv4/ip_forward");
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 2);
        var pod = await cluster.PodAsync(0, "p", 3);
        var node = cluster.Network.NodeNetnsName("n0");
        // Asked of the routing table only: no packet is sent towards an address outside the cluster.
        var fromNode = await Host.RunAsync($"ip -n {node} route get 192.0.2.1");
        Assert.NotEqual(0, fromNode.ExitCode);
        Assert.Contains("unreachable", fromNode.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", (await Host.OkAsync($"ip -n {node} route show default")).Trim());
        Assert.Equal("1", (await Host.OkAsync($"ip netns exec {node} cat /proc/sys/net/ipv4/ip_forward")).Trim());
        Assert.Contains($"via {pod.Gateway}", await Host.OkAsync($"ip -n {pod.NetnsName} route get 192.0.2.1"), StringComparison.Ordinal);
        Assert.Equal(hostForwarding, File.ReadAllText("/proc/sys/net/ipv4/ip_forward"));
    }
}
