// Node pod CIDRs carved from the cluster pod subnet, as nodeipam's range allocator hands them out.
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class NodeCidrAllocatorTests
{
    private static NodeCidrAllocator Cluster() => new(Cidr.Parse("10.244.0.0/16"));

    [Fact]
    public void Nodes_get_consecutive_blocks_in_the_order_they_ask()
    {
        var cidrs = Cluster();
        Assert.Equal(["10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"],
            new[] { "kind-control-plane", "kind-worker", "kind-worker2" }.Select(n => cidrs.Allocate(n).Value.ToString()));
    }

    [Fact]
    public void Asking_again_returns_the_same_block()
    {
        var cidrs = Cluster();
        var first = cidrs.Allocate("kind-worker").Value;
        Assert.Equal(first, cidrs.Allocate("kind-worker").Value);
        Assert.Equal(1, cidrs.Used);
    }

    [Fact]
    public void Occupied_blocks_are_skipped_and_refused_to_other_nodes()
    {
        var cidrs = Cluster();
        Assert.True(cidrs.Occupy("kind-worker", Cidr.Parse("10.244.0.0/24")).Succeeded);
        Assert.Equal(Cidr.Parse("10.244.1.0/24"), cidrs.Allocate("kind-worker2").Value);
        var clash = cidrs.Occupy("kind-worker3", Cidr.Parse("10.244.0.0/24"));
        Assert.Equal(AllocationFailure.AlreadyAllocated, clash.Failure);
        Assert.Equal(AllocationFailure.NotInRange, cidrs.Occupy("x", Cidr.Parse("10.245.0.0/24")).Failure);
        Assert.Equal(AllocationFailure.NotInRange, cidrs.Occupy("x", Cidr.Parse("10.244.8.0/23")).Failure);
    }

    [Fact]
    public void A_released_block_goes_back_to_the_pool_after_the_others()
    {
        var cidrs = new NodeCidrAllocator(Cidr.Parse("10.244.0.0/22"));
        cidrs.Allocate("a");
        cidrs.Allocate("b");
        Assert.True(cidrs.Release("a"));
        Assert.Null(cidrs.CidrOf("a"));
        Assert.Equal(Cidr.Parse("10.244.2.0/24"), cidrs.Allocate("c").Value);
        Assert.Equal(Cidr.Parse("10.244.3.0/24"), cidrs.Allocate("d").Value);
        Assert.Equal(Cidr.Parse("10.244.0.0/24"), cidrs.Allocate("e").Value);
        var full = cidrs.Allocate("f");
        Assert.Equal(AllocationFailure.Full, full.Failure);
        Assert.Equal("CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range", full.Error);
    }

    [Theory]
    [InlineData("10.244.0.0/16", 15)]
    [InlineData("10.0.0.0/8", 25)]
    public void Node_masks_larger_than_the_cluster_or_too_fine_are_refused(string cluster, int mask) =>
        Assert.Throws<ArgumentException>(() => new NodeCidrAllocator(Cidr.Parse(cluster), mask));
}

public class NodeCidrAllocatorConcurrencyTests
{
    [Fact]
    public async Task Nodes_registering_at_once_get_distinct_blocks_and_repeat_askers_keep_theirs()
    {
        var cidrs = new NodeCidrAllocator(Cidr.Parse("10.244.0.0/20")); // 16 blocks for 24 nodes
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(n => Task.Run(() =>
            (Node: $"node{n % 20}", Result: cidrs.Allocate($"node{n % 20}")))));
        var granted = results.Where(r => r.Result.Succeeded).ToList();
        Assert.Equal(16, cidrs.Used);
        Assert.All(granted.GroupBy(r => r.Node), g => Assert.Single(g.Select(r => r.Result.Value).Distinct()));
        Assert.Equal(16, granted.Select(r => r.Result.Value).Distinct().Count());
        Assert.Equal(16, cidrs.Assignments().Values.Distinct().Count());
    }
}
