// NodePort allocation against kube-apiserver 1.32's port allocator and the texts its 422s carry.
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class NodePortAllocatorTests
{
    [Fact]
    public void A_requested_port_is_granted_once_then_refused_as_kube_apiserver_does()
    {
        var ports = new NodePortAllocator(seed: 1);
        Assert.True(ports.Allocate(30080).Succeeded);
        var again = ports.Allocate(30080);
        Assert.Equal(AllocationFailure.AlreadyAllocated, again.Failure);
        Assert.Equal("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated",
            $"{ServiceAllocationErrors.NodePortField(0)}: Invalid value: 30080: {again.Error}");
    }

    [Theory]
    [InlineData(29999)]
    [InlineData(32768)]
    [InlineData(80)]
    public void A_port_outside_the_range_is_refused_with_the_valid_range(int port)
    {
        var result = new NodePortAllocator(seed: 1).Allocate(port);
        Assert.Equal(AllocationFailure.NotInRange, result.Failure);
        Assert.Equal("provided port is not in the valid range. The range of valid ports is 30000-32767", result.Error);
    }

    [Theory]
    [InlineData("30000-32767", 86)]
    [InlineData("30000-30015", 0)]
    [InlineData("30000-30099", 16)]
    [InlineData("20000-32767", 128)]
    public void The_static_band_scales_with_the_range(string range, int band) =>
        Assert.Equal(band, NodePortAllocator.StaticBand(PortRange.Parse(range)));

    [Fact]
    public void Dynamic_ports_avoid_the_static_band_until_the_rest_is_taken()
    {
        var ports = new NodePortAllocator(PortRange.Parse("30000-30099"), seed: 7); // band 30000-30015
        var got = Enumerable.Range(0, 100).Select(_ => ports.Allocate().Value).ToList();
        Assert.All(got.Take(84), p => Assert.InRange(p, 30016, 30099));
        Assert.All(got.Skip(84), p => Assert.InRange(p, 30000, 30015));
        Assert.Equal(100, got.Distinct().Count());
        var full = ports.Allocate();
        Assert.Equal("failed to allocate a nodePort: range is full", ServiceAllocationErrors.NodePortExhausted(full));
    }

    [Fact]
    public void Every_port_of_the_default_range_can_be_handed_out_exactly_once()
    {
        var ports = new NodePortAllocator(seed: 3);
        var got = Enumerable.Range(0, 2768).Select(_ => ports.Allocate()).ToList();
        Assert.All(got, a => Assert.True(a.Succeeded));
        Assert.Equal(Enumerable.Range(30000, 2768), got.Select(a => a.Value).Order());
        Assert.Equal(0, ports.Free);
    }
}
