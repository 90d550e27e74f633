// The cluster network's life: DownAsync leaves nothing (also processes inside its namespaces), UpAsync converges after a
// simulated crash and when nodes come and go, and refuses ranges that collide with something not its own.
using System.Diagnostics;
using System.Net;
using Kinet.Node.Network;

namespace Kinet.Node.Tests.Network;

public sealed class ClusterLifecycleTests
{
    [Theory]
    [InlineData(NetworkMode.Routed)]
    [InlineData(NetworkMode.Vxlan)]
    public async Task Down_leaves_nothing_behind_even_with_processes_inside(NetworkMode mode)
    {
        var cluster = await TestCluster.UpAsync(mode, nodes: 2);
        Process? sleeper = null;
        try
        {
            var pod = await cluster.PodAsync(1, "sleepy", 4);
            sleeper = Process.Start("ip", ["netns", "exec", pod.NetnsName, "sleep", "300"]);
            var before = await ClusterNetwork.ListClusterObjectsAsync(cluster.Name, CancellationToken.None);
            Assert.Equal(3, before.Namespaces.Count);
            Assert.Equal(3, before.RootLinks.Count);
            Assert.NotEmpty(before.RootRoutes);
            await WaitUntilAsync(async () => (await ClusterNetwork.ListClusterObjectsAsync(cluster.Name, CancellationToken.None)).Processes.Contains(sleeper.Id));

            var removed = await ClusterNetwork.DownAsync(cluster.Name, CancellationToken.None);

            Assert.Contains(sleeper.Id, removed.Processes);
            Assert.True(sleeper.WaitForExit(5000), "the process inside the pod namespace was killed");
            Assert.True((await ClusterNetwork.ListClusterObjectsAsync(cluster.Name, CancellationToken.None)).IsEmpty);
            Assert.DoesNotContain(cluster.Name, await Host.OkAsync("ip netns list"), StringComparison.Ordinal);
            Assert.DoesNotContain(cluster.Name, await Host.OkAsync("ip -d link show"), StringComparison.Ordinal);
            Assert.DoesNotContain(NetworkNames.Bridge(cluster.Name), await Host.OkAsync("ip link show"), StringComparison.Ordinal);
            var routes = await Host.OkAsync("ip route show table all");
            Assert.DoesNotContain(cluster.Spec.Underlay.BaseAddress.ToString()[..^1], routes, StringComparison.Ordinal);
            Assert.DoesNotContain(cluster.Spec.Nodes[0].PodCidr.BaseAddress.ToString(), routes, StringComparison.Ordinal);
        }
        finally
        {
            if (sleeper is { HasExited: false })
                sleeper.Kill();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Down_of_an_unknown_cluster_removes_nothing()
    {
        RootOnly.Require();
        var removed = await ClusterNetwork.DownAsync("t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6], CancellationToken.None);
        Assert.True(removed.IsEmpty);
    }

    [Theory]
    [InlineData(NetworkMode.Routed)]
    [InlineData(NetworkMode.Vxlan)]
    public async Task Up_after_a_crash_adopts_what_exists_and_repairs_what_differs(NetworkMode mode)
    {
        await using var cluster = await TestCluster.UpAsync(mode, nodes: 2);
        var a = await cluster.PodAsync(0, "a", 10);
        var b = await cluster.PodAsync(1, "b", 10);
        var node0 = cluster.Network.NodeNetnsName("n0");
        // The daemon died and someone broke things meanwhile.
        await Host.OkAsync($"ip route del {Cidr(cluster.Node(1).PodCidr)} dev {NetworkNames.Bridge(cluster.Name)}");
        await Host.OkAsync($"ip -n {node0} route del {Cidr(cluster.Node(1).PodCidr)}");
        await Host.OkAsync($"ip -n {node0} route add default via {cluster.Spec.HostAddress}");
        await Host.OkAsync($"ip -n {b.NetnsName} addr flush dev eth0");
        await Host.OkAsync($"ip -n {b.NetnsName} addr add {cluster.PodIp(1, 99)}/24 dev eth0");
        await Host.OkAsync($"ip -n {cluster.Network.NodeNetnsName("n1")} link set dev {b.HostVeth} type bridge_slave hairpin off");

        await cluster.ReconcileAsync(cluster.Spec);
        var again = await cluster.Network.CreatePodNetworkAsync("n1", "b", [cluster.PodIp(1, 10)], CancellationToken.None);
        await cluster.Network.CreatePodNetworkAsync("n0", "a", [cluster.PodIp(0, 10)], CancellationToken.None);

        Assert.Equal(b, again with { Addresses = b.Addresses });
        var addresses = await Host.OkAsync($"ip -n {b.NetnsName} -o -4 addr show dev eth0");
        Assert.Single(addresses.Trim().Split('\n'));
        Assert.Contains($"inet {b.Addresses[0]}/24", addresses, StringComparison.Ordinal);
        Assert.Contains("hairpin on", await Host.OkAsync($"ip -n {cluster.Network.NodeNetnsName("n1")} -d link show {b.HostVeth}"), StringComparison.Ordinal);
        Assert.Equal("", (await Host.OkAsync($"ip -n {node0} route show default")).Trim());
        Assert.Single((await Host.OkAsync($"ip -n {node0} -o link show type veth")).Trim().Split('\n'), l => l.Contains("master cni0", StringComparison.Ordinal));
        await Host.OkAsync($"ip netns exec {a.NetnsName} ping -c1 -W2 {b.Addresses[0]}");
        await Host.OkAsync($"ping -c1 -W2 {b.Addresses[0]}");
        Assert.Equal(["a", "b"], (await cluster.Network.ListPodNetworksAsync(CancellationToken.None)).Order());
    }

    [Theory]
    [InlineData(NetworkMode.Routed)]
    [InlineData(NetworkMode.Vxlan)]
    public async Task Up_adds_and_removes_nodes(NetworkMode mode)
    {
        await using var cluster = await TestCluster.UpAsync(mode, nodes: 2);
        var spec = cluster.Spec;
        var podOctet = spec.Nodes[0].PodCidr.BaseAddress.GetAddressBytes()[1];
        var third = TestCluster.MakeNode(spec.Underlay, podOctet, 2);
        await cluster.ReconcileAsync(spec with { Nodes = [.. spec.Nodes, third] });
        var a = await cluster.PodAsync(0, "a", 5);
        var c = await cluster.PodAsync(2, "c", 5);
        await Host.OkAsync($"ip netns exec {a.NetnsName} ping -c1 -W2 {c.Addresses[0]}");

        await cluster.ReconcileAsync(spec with { Nodes = [spec.Nodes[0], third] });

        var objects = await ClusterNetwork.ListClusterObjectsAsync(cluster.Name, CancellationToken.None);
        Assert.DoesNotContain(NetworkNames.NodeNetns(cluster.Name, "n1"), objects.Namespaces);
        Assert.Equal(3, objects.RootLinks.Count);
        Assert.DoesNotContain(Cidr(spec.Nodes[1].PodCidr), await Host.OkAsync("ip route"), StringComparison.Ordinal);
        Assert.DoesNotContain(Cidr(spec.Nodes[1].PodCidr), await Host.OkAsync($"ip -n {cluster.Network.NodeNetnsName("n0")} route"), StringComparison.Ordinal);
        await Host.OkAsync($"ip netns exec {c.NetnsName} ping -c1 -W2 {a.Addresses[0]}");
    }

    [Theory]
    [InlineData(NetworkMode.Routed, NetworkMode.Vxlan)]
    [InlineData(NetworkMode.Vxlan, NetworkMode.Routed)]
    public async Task Up_switches_modes(NetworkMode from, NetworkMode to)
    {
        await using var cluster = await TestCluster.UpAsync(from, nodes: 2);
        await cluster.ReconcileAsync(cluster.Spec with { Mode = to });
        var a = await cluster.PodAsync(0, "a", 5);
        var b = await cluster.PodAsync(1, "b", 5);
        await Host.OkAsync($"ip netns exec {a.NetnsName} ping -c1 -W2 {b.Addresses[0]}");
        var links = await Host.OkAsync($"ip -n {cluster.Network.NodeNetnsName("n0")} link show");
        Assert.Equal(to == NetworkMode.Vxlan, links.Contains(NodeSetup.Vtep, StringComparison.Ordinal));
        Assert.Equal(to == NetworkMode.Vxlan ? 1450 : 1500, a.Mtu);
    }

    [Fact]
    public async Task Up_refuses_ranges_that_overlap_a_route_it_does_not_own()
    {
        RootOnly.Require();
        var spec = TestCluster.MakeSpec(NetworkMode.Routed, nodes: 2);
        // A stranger's link (a bridge: this kernel has no dummy driver) on part of the pod range, named for this test so it is ours to remove.
        var dummy = spec.Cluster + "x";
        var stranger = $"{TestCluster.Nth(spec.Nodes[1].PodCidr, 128)}/25";
        try
        {
            await Host.OkAsync($"ip link add {dummy} type bridge && ip addr add {stranger} dev {dummy} && ip link set {dummy} up");
            var error = await Assert.ThrowsAsync<NetworkConflictException>(() => ClusterNetwork.UpAsync(spec, CancellationToken.None));
            Assert.Contains($"pod CIDR of node n1 {Cidr(spec.Nodes[1].PodCidr)}", error.Message, StringComparison.Ordinal);
            Assert.Contains(dummy, error.Message, StringComparison.Ordinal);
            Assert.True((await ClusterNetwork.ListClusterObjectsAsync(spec.Cluster, CancellationToken.None)).IsEmpty, "nothing was touched");
        }
        finally
        {
            await Host.RunAsync($"ip link del {dummy}");
            await ClusterNetwork.DownAsync(spec.Cluster, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_cluster_whose_name_prefixes_another_leaves_the_other_alone()
    {
        await using var longer = await TestCluster.UpAsync(NetworkMode.Routed, nodes: 1);
        var spec = TestCluster.MakeSpec(NetworkMode.Routed, nodes: 1);
        // Cluster "<x>-n0" has the namespace kinet-<x>-n0-n0, which starts like cluster "<x>"'s node kinet-<x>-n0.
        var shorterName = longer.Name;
        var longerName = longer.Name + "-n0";
        await using var other = new DisposableDown(longerName);
        var (underlay, podOctet) = TestCluster.NextRanges();
        var otherSpec = spec with { Cluster = longerName, Underlay = underlay, HostAddress = TestCluster.Nth(underlay, 1), Nodes = [TestCluster.MakeNode(underlay, podOctet, 0)], ExtraHostRoutes = [] };
        await ClusterNetwork.UpAsync(otherSpec, CancellationToken.None);

        var shorter = await ClusterNetwork.ListClusterObjectsAsync(shorterName, CancellationToken.None);
        Assert.Equal([NetworkNames.NodeNetns(shorterName, "n0")], shorter.Namespaces);
        await ClusterNetwork.DownAsync(shorterName, CancellationToken.None);
        var remaining = await ClusterNetwork.ListClusterObjectsAsync(longerName, CancellationToken.None);
        Assert.Equal([NetworkNames.NodeNetns(longerName, "n0")], remaining.Namespaces);
        Assert.Equal(2, remaining.RootLinks.Count);
    }

    private sealed class DisposableDown(string cluster) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ClusterNetwork.DownAsync(cluster, CancellationToken.None);
    }

    private static string Cidr(IPNetwork network) => $"{network.BaseAddress}/{network.PrefixLength}";

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 250 && !await condition(); i++)
            await Task.Delay(20);
        Assert.True(await condition());
    }
}
