// ClusterIP allocation against kube-apiserver 1.32's bitmap allocator: reserved addresses, the static band and
// the texts its 422s carry.
// Conventions: service CIDR 10.96.0.0/12 unless a test needs a small range; seeds fix the random scan.
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Allocation;

public class ServiceIPAllocatorTests
{
    private static ServiceIPAllocator Range(string cidr = "10.96.0.0/12", int seed = 1) => new(Cidr.Parse(cidr), seed);

    [Theory]
    [InlineData("10.96.0.0/12", 1048574, 256)]
    [InlineData("10.96.0.0/24", 254, 16)]
    [InlineData("10.96.0.0/20", 4094, 256)]
    [InlineData("10.96.0.0/22", 1022, 64)]
    [InlineData("10.96.0.0/28", 14, 0)]
    [InlineData("10.96.0.0/30", 2, 0)]
    [InlineData("10.96.0.0/32", 0, 0)]
    [InlineData("fd00:10:96::/112", 65535, 256)]
    [InlineData("fd00:10:96::/64", 65535, 256)]
    public void Capacity_excludes_network_and_broadcast_and_the_static_band_scales(string cidr, int capacity, int band)
    {
        var range = Range(cidr);
        Assert.Equal(capacity, range.Capacity);
        Assert.Equal(band, ServiceIPAllocator.StaticBand(range.Cidr));
    }

    [Theory]
    [InlineData("10.96.0.0")]
    [InlineData("10.111.255.255")]
    [InlineData("10.0.0.1")]
    [InlineData("10.112.0.0")]
    public void Network_broadcast_and_outside_addresses_are_not_in_range(string ip)
    {
        var result = Range().Allocate(IP.Parse(ip));
        Assert.Equal(AllocationFailure.NotInRange, result.Failure);
        Assert.Equal($"the provided IP ({ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12", result.Error);
    }

    [Fact]
    public void A_taken_address_is_refused_with_kube_apiservers_text()
    {
        var range = Range();
        Assert.True(range.Allocate(IP.Parse("10.96.0.10")).Succeeded);
        var second = range.Allocate(IP.Parse("10.96.0.10"));
        Assert.Equal(AllocationFailure.AlreadyAllocated, second.Failure);
        Assert.Equal("provided IP is already allocated", second.Error);
    }

    [Fact]
    public void The_field_error_reads_as_kube_apiserver_1_32_prints_it()
    {
        var failed = Range().Allocate(IP.Parse("10.0.0.1"));
        var line = $"{ServiceAllocationErrors.ClusterIPsField}: Invalid value: {ServiceAllocationErrors.ClusterIPsValue(["10.0.0.1"])}: " +
                   ServiceAllocationErrors.ClusterIPDetail("10.0.0.1", failed);
        Assert.Equal("spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) " +
                     "is not in the valid range. The range of valid IPs is 10.96.0.0/12", line);
    }

    [Fact]
    public void The_kubernetes_and_dns_addresses_are_indexes_1_and_10()
    {
        var range = Range();
        Assert.Equal(IP.Parse("10.96.0.1"), range.KubernetesServiceIP);
        Assert.Equal(IP.Parse("10.96.0.10"), range.DnsServiceIP);
        Assert.True(range.Allocate(range.KubernetesServiceIP).Succeeded);
    }

    [Fact]
    public void Dynamic_addresses_come_from_above_the_static_band_while_it_has_room()
    {
        var range = Range();
        for (var i = 0; i < 2000; i++)
        {
            var ip = range.Allocate().Value;
            Assert.True(range.Cidr.IndexOf(ip) > 256, $"{ip} is in the static band");
        }
    }

    [Fact]
    public void The_static_band_is_used_once_the_upper_band_is_full()
    {
        var range = Range("10.96.0.0/24"); // 254 usable, band of 16 (10.96.0.1-10.96.0.16)
        var got = Enumerable.Range(0, 254).Select(_ => range.Allocate()).ToList();
        Assert.All(got, a => Assert.True(a.Succeeded));
        Assert.All(got.Take(238), a => Assert.True(range.Cidr.IndexOf(a.Value) > 16));
        Assert.All(got.Skip(238), a => Assert.True(range.Cidr.IndexOf(a.Value) <= 16));
        var full = range.Allocate();
        Assert.Equal(AllocationFailure.Full, full.Failure);
        Assert.Equal("failed to allocate a serviceIP: range is full", ServiceAllocationErrors.ClusterIPExhausted(full));
    }

    [Fact]
    public void Releasing_frees_the_address_and_releasing_twice_or_outside_is_a_no_op()
    {
        var range = Range();
        var ip = IP.Parse("10.96.3.4");
        range.Allocate(ip);
        Assert.True(range.Has(ip));
        Assert.True(range.Release(ip));
        Assert.False(range.Has(ip));
        Assert.False(range.Release(ip));
        Assert.False(range.Release(IP.Parse("192.168.0.1")));
        Assert.True(range.Allocate(ip).Succeeded);
    }

    [Fact]
    public void IPv6_ranges_are_capped_at_65536_addresses()
    {
        var range = Range("fd00::/64");
        Assert.True(range.Allocate(IP.Parse("fd00::ffff")).Succeeded);
        Assert.Equal(AllocationFailure.NotInRange, range.Allocate(IP.Parse("fd00::1:0")).Failure);
    }
}
