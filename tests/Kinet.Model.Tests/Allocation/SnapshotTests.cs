// The snapshot format and its guard: a snapshot is only restored into an allocator of the same range.
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class SnapshotTests
{
    [Fact]
    public void Offset_i_is_bit_i_mod_8_of_byte_i_div_8()
    {
        var pool = new LoadBalancerIPAllocator(IPRange.Parse("172.18.255.200-172.18.255.215"));
        pool.Allocate(IP.Parse("172.18.255.200")); // offset 0
        pool.Allocate(IP.Parse("172.18.255.209")); // offset 9
        var snapshot = pool.Snapshot();
        Assert.Equal("172.18.255.200-172.18.255.215", snapshot.Range);
        Assert.Equal(new byte[] { 0b0000_0001, 0b0000_0010 }, snapshot.Data);
    }

    [Fact]
    public void A_pod_allocator_restored_continues_round_robin_where_it_left_off()
    {
        var node = new PodIPAllocator(Cidr.Parse("10.244.1.0/24"));
        node.Allocate();
        node.Allocate();
        node.Release(IP.Parse("10.244.1.2"));
        var restored = new PodIPAllocator(Cidr.Parse("10.244.1.0/24"));
        restored.Restore(node.Snapshot());
        Assert.Equal(node.Allocate().Value, restored.Allocate().Value);
        Assert.Equal(IP.Parse("10.244.1.5"), restored.Allocate().Value);
    }

    [Theory]
    [InlineData("10.96.0.0/16")]
    [InlineData("10.112.0.0/12")]
    public void A_snapshot_of_another_range_is_refused(string other)
    {
        var snapshot = new ServiceIPAllocator(Cidr.Parse(other)).Snapshot();
        var target = new ServiceIPAllocator(Cidr.Parse("10.96.0.0/12"));
        var e = Assert.Throws<ArgumentException>(() => target.Restore(snapshot));
        Assert.StartsWith("the provided network does not match the current range", e.Message);
    }

    [Fact]
    public void A_port_snapshot_of_another_range_is_refused_with_the_port_text()
    {
        var snapshot = new NodePortAllocator(PortRange.Parse("30000-30100")).Snapshot();
        var e = Assert.Throws<ArgumentException>(() => new NodePortAllocator().Restore(snapshot));
        Assert.StartsWith("the provided port range does not match the current port range", e.Message);
    }

    [Fact]
    public void Rebuilding_from_stored_addresses_matches_the_live_allocator()
    {
        var live = new ServiceIPAllocator(Cidr.Parse("10.96.0.0/12"), seed: 5);
        live.Allocate(live.KubernetesServiceIP);
        for (var i = 0; i < 50; i++) live.Allocate();
        var rebuilt = new ServiceIPAllocator(Cidr.Parse("10.96.0.0/12"));
        foreach (var ip in live.Allocated()) Assert.True(rebuilt.Allocate(ip).Succeeded);
        Assert.Equal(live.Snapshot().Data, rebuilt.Snapshot().Data);
    }
}
