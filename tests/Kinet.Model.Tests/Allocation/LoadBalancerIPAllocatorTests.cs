// LoadBalancer addresses from the pool, lowest free first.
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class LoadBalancerIPAllocatorTests
{
    [Fact]
    public void The_default_pool_hands_out_200_then_201_and_refills_the_lowest_hole()
    {
        var pool = new LoadBalancerIPAllocator();
        Assert.Equal(51, pool.Capacity);
        Assert.Equal(IP.Parse("172.18.255.200"), pool.Allocate().Value);
        Assert.Equal(IP.Parse("172.18.255.201"), pool.Allocate().Value);
        pool.Release(IP.Parse("172.18.255.200"));
        Assert.Equal(IP.Parse("172.18.255.200"), pool.Allocate().Value);
    }

    [Fact]
    public void Requests_outside_taken_or_past_the_end_are_refused()
    {
        var pool = new LoadBalancerIPAllocator(IPRange.Parse("172.18.255.200-172.18.255.201"));
        Assert.Equal(AllocationFailure.NotInRange, pool.Allocate(IP.Parse("172.18.255.202")).Failure);
        Assert.True(pool.Allocate(IP.Parse("172.18.255.201")).Succeeded);
        Assert.Equal(AllocationFailure.AlreadyAllocated, pool.Allocate(IP.Parse("172.18.255.201")).Failure);
        Assert.Equal(IP.Parse("172.18.255.200"), pool.Allocate().Value);
        Assert.Equal(AllocationFailure.Full, pool.Allocate().Failure);
    }
}
