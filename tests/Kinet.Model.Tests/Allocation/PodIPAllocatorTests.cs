// Pod addresses within one node's /24, as host-local hands them out behind the node bridge.
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class PodIPAllocatorTests
{
    private static PodIPAllocator Node1() => new(Cidr.Parse("10.244.1.0/24"));

    [Fact]
    public void The_first_pods_get_2_3_4_and_the_gateway_is_1()
    {
        var node = Node1();
        Assert.Equal(IP.Parse("10.244.1.1"), node.Gateway);
        Assert.Equal(["10.244.1.2", "10.244.1.3", "10.244.1.4"], Enumerable.Range(0, 3).Select(_ => node.Allocate().Value.ToString()));
        Assert.Equal(253, node.Capacity);
    }

    [Theory]
    [InlineData("10.244.1.0", "10.244.1.0 not in range set 10.244.1.1-10.244.1.254")]
    [InlineData("10.244.1.1", "requested ip 10.244.1.1 is subnet's gateway")]
    [InlineData("10.244.1.255", "10.244.1.255 not in range set 10.244.1.1-10.244.1.254")]
    [InlineData("10.244.2.7", "10.244.2.7 not in range set 10.244.1.1-10.244.1.254")]
    public void Reserved_and_foreign_addresses_are_refused(string ip, string error)
    {
        var result = Node1().Allocate(IP.Parse(ip));
        Assert.Equal(AllocationFailure.NotInRange, result.Failure);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void A_freed_address_is_not_reused_before_the_range_wraps()
    {
        var node = Node1();
        var first = node.Allocate().Value;
        node.Allocate();
        node.Release(first);
        Assert.Equal(IP.Parse("10.244.1.4"), node.Allocate().Value);
    }

    [Fact]
    public void A_full_node_says_so_as_host_local_does_and_wraps_to_freed_addresses()
    {
        var node = Node1();
        var all = Enumerable.Range(0, 253).Select(_ => node.Allocate().Value).ToList();
        Assert.Equal(IP.Parse("10.244.1.254"), all[^1]);
        var full = node.Allocate();
        Assert.Equal(AllocationFailure.Full, full.Failure);
        Assert.Equal("no IP addresses available in range set: 10.244.1.1-10.244.1.254", full.Error);
        node.Release(IP.Parse("10.244.1.77"));
        Assert.Equal(IP.Parse("10.244.1.77"), node.Allocate().Value);
    }

    [Fact]
    public void A_requested_address_that_is_taken_is_refused()
    {
        var node = Node1();
        node.Allocate(IP.Parse("10.244.1.9"));
        Assert.Equal("requested IP address 10.244.1.9 is not available in range set 10.244.1.1-10.244.1.254",
            node.Allocate(IP.Parse("10.244.1.9")).Error);
    }
}
