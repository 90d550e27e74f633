// Names of kernel objects: deterministic, within IFNAMSIZ, and specs that cannot be realized are refused up front.
using System.Net;
using Kinet.Node.Network;

namespace Kinet.Node.Tests.Network;

public sealed class NetworkNamesTests
{
    [Theory]
    [InlineData("dev", "kinet-dev")]
    [InlineData("kinet-dev", "kinet-kinet-dev")]
    [InlineData("a-rather-long-cluster", "kinet-")]
    public void The_bridge_is_named_for_the_cluster_and_fits_ifnamsiz(string cluster, string startsWith)
    {
        var name = NetworkNames.Bridge(cluster);
        Assert.StartsWith(startsWith, name, StringComparison.Ordinal);
        Assert.InRange(name.Length, 1, 15);
        Assert.Equal(name, NetworkNames.Bridge(cluster));
    }

    [Fact]
    public void Veth_names_fit_ifnamsiz_and_differ_per_pod_and_node()
    {
        var uid = "4b6f8a52-0c1e-4d7b-9f3a-8e2d1c0b9a87";
        Assert.Equal(15, NetworkNames.PodVeth(uid).Length);
        Assert.NotEqual(NetworkNames.PodVeth(uid), NetworkNames.PodVeth(uid + "x"));
        Assert.InRange(NetworkNames.NodeVeth("a-rather-long-cluster", "worker-number-twelve").Length, 1, 15);
        Assert.NotEqual(NetworkNames.NodeVeth("c", "n1"), NetworkNames.NodeVeth("c", "n2"));
        Assert.Equal("kinet-dev-pod-" + uid, NetworkNames.PodNetns("dev", uid));
    }

    [Theory]
    [InlineData("Dev", null)]
    [InlineData("dev", "pod-1")]
    [InlineData("dev", "n1/x")]
    public void Bad_names_are_refused(string cluster, string? node)
    {
        Assert.Throws<ArgumentException>(() => Spec(cluster, node ?? "n1", "10.244.0.0/24", "10.244.1.0/24").Validate());
    }

    [Theory]
    [InlineData("10.244.0.0/24", "10.244.0.0/24", "overlap")]
    [InlineData("10.244.0.0/16", "10.244.1.0/24", "overlap")]
    [InlineData("172.18.1.0/24", "10.244.1.0/24", "overlaps the underlay")]
    public void Overlapping_pod_cidrs_are_refused(string first, string second, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Spec("dev", "n1", first, second).Validate());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static ClusterNetworkSpec Spec(string cluster, string node, string cidr0, string cidr1) =>
        new(cluster, IPNetwork.Parse("172.18.0.0/16"), IPAddress.Parse("172.18.0.1"), NetworkMode.Routed,
            [new(node, IPAddress.Parse("172.18.0.2"), IPNetwork.Parse(cidr0)), new("n2", IPAddress.Parse("172.18.0.3"), IPNetwork.Parse(cidr1))],
            []);
}
