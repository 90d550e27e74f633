// A pod network's own life: deleting frees its veth and namespace at once (the same pod id can come back), the list
// reflects what exists, bad addresses are refused, hostNetwork pods use the node namespace, and many pods are cheap
// (the time per pod is written to the test output; no test has a wall-clock bound).
using System.Diagnostics;
using System.Net;
using Kinet.Node.Network;
using Xunit.Abstractions;

namespace Kinet.Node.Tests.Network;

public sealed class PodNetworkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deleting_a_pod_network_frees_its_veth_and_namespace_at_once()
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 1);
        var pod = await cluster.PodAsync(0, "gone", 6);
        var node = cluster.Network.NodeNetnsName("n0");
        Assert.Contains(pod.HostVeth, await Host.OkAsync($"ip -n {node} link show master cni0"), StringComparison.Ordinal);
        Assert.Contains("hairpin on", await Host.OkAsync($"ip -n {node} -d link show {pod.HostVeth}"), StringComparison.Ordinal);

        await cluster.Network.DeletePodNetworkAsync("gone", CancellationToken.None);

        Assert.DoesNotContain(pod.HostVeth, await Host.OkAsync($"ip -n {node} link show"), StringComparison.Ordinal);
        Assert.DoesNotContain(pod.NetnsName, await Host.OkAsync("ip netns list"), StringComparison.Ordinal);
        Assert.Empty(await cluster.Network.ListPodNetworksAsync(CancellationToken.None));
        await cluster.Network.DeletePodNetworkAsync("gone", CancellationToken.None);
        var back = await cluster.PodAsync(0, "gone", 6);
        await Host.OkAsync($"ip netns exec {back.NetnsName} ping -c1 -W2 {back.Gateway}");
    }

    [Fact]
    public async Task A_namespace_file_left_half_made_by_a_crash_is_replaced_or_removed()
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 1);
        // What a daemon killed between creating /run/netns/<pod> and mounting the namespace on it leaves.
        File.WriteAllBytes(NetworkNames.NetnsPath(NetworkNames.PodNetns(cluster.Name, "half")), []);
        File.WriteAllBytes(NetworkNames.NetnsPath(NetworkNames.PodNetns(cluster.Name, "stub")), []);

        var pod = await cluster.PodAsync(0, "half", 4);
        await cluster.Network.DeletePodNetworkAsync("stub", CancellationToken.None);

        await Host.OkAsync($"ip netns exec {pod.NetnsName} ping -c1 -W2 {pod.Gateway}");
        Assert.Equal(["half"], await cluster.Network.ListPodNetworksAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("10.0.0.5", "not in the node's CIDR")]
    [InlineData(".0", "the network address")]
    [InlineData(".1", "cni0's address")]
    [InlineData(".255", "the broadcast address")]
    public async Task A_pod_address_that_is_not_a_free_host_address_of_the_node_is_refused(string address, string why)
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 1);
        var ip = address.StartsWith('.') ? TestCluster.Nth(cluster.Node(0).PodCidr, uint.Parse(address[1..])) : IPAddress.Parse(address);
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.Network.CreatePodNetworkAsync("n0", "bad", [ip], CancellationToken.None));
        Assert.True(await cluster.Network.ListPodNetworksAsync(CancellationToken.None) is [], why);
    }

    [Fact]
    public async Task A_host_network_pod_uses_the_node_namespace()
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 2);
        var path = cluster.Network.NodeNetnsPath("n1");
        Assert.Equal($"/run/netns/kinet-{cluster.Name}-n1", path);
        using var listener = await NetnsSockets.ListenAsync(path, new IPEndPoint(IPAddress.Any, 10250));
        var accept = listener.AcceptAsync();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(cluster.Node(1).Address, 10250);
        (await accept).Dispose();
    }

    [Fact]
    public async Task Fifty_pods_on_two_nodes_come_and_go()
    {
        await using var cluster = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 2);
        var ids = Enumerable.Range(0, 50).ToList();
        var clock = Stopwatch.StartNew();
        var pods = await Task.WhenAll(ids.Select(i => cluster.PodAsync(i % 2, $"p{i}", 10 + i)));
        var created = clock.Elapsed;
        Assert.Equal(50, (await cluster.Network.ListPodNetworksAsync(CancellationToken.None)).Count);
        await Host.OkAsync($"ip netns exec {pods[0].NetnsName} ping -c1 -W2 {pods[49].Addresses[0]}");
        clock.Restart();
        await Task.WhenAll(ids.Select(i => cluster.Network.DeletePodNetworkAsync($"p{i}", CancellationToken.None)));
        var deleted = clock.Elapsed;
        Assert.Empty(await cluster.Network.ListPodNetworksAsync(CancellationToken.None));
        Assert.DoesNotContain("veth", await Host.OkAsync($"ip -n {cluster.Network.NodeNetnsName("n0")} link show"), StringComparison.Ordinal);
        output.WriteLine($"50 pods: create {created.TotalMilliseconds / 50:F1} ms/pod, delete {deleted.TotalMilliseconds / 50:F1} ms/pod (concurrent, wall clock)");
    }
}
