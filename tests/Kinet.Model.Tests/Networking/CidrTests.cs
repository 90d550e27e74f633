// CIDR parsing (Go's net.ParseCIDR: host bits masked), containment and block arithmetic.
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Networking;

public class CidrTests
{
    [Theory]
    [InlineData("10.96.0.0/12", "10.96.0.0/12")]
    [InlineData("10.96.0.1/12", "10.96.0.0/12")]
    [InlineData("10.244.0.0/16", "10.244.0.0/16")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.0.0.7/32", "10.0.0.7/32")]
    [InlineData("fd00:10:96::/112", "fd00:10:96::/112")]
    [InlineData("fd00::1/64", "fd00::/64")]
    public void Blocks_parse_with_host_bits_masked(string text, string printed) =>
        Assert.Equal(printed, Cidr.Parse(text).ToString());

    [Theory]
    [InlineData("10.96.0.0")]
    [InlineData("10.96.0.0/33")]
    [InlineData("10.96.0.0/-1")]
    [InlineData("10.96.0.0/+8")]
    [InlineData("10.96.0.0/")]
    [InlineData("fd00::/129")]
    [InlineData("x/8")]
    public void Malformed_blocks_are_refused(string text) => Assert.False(Cidr.TryParse(text, out _));

    [Theory]
    [InlineData("10.96.0.0/12", "10.96.0.0", true)]
    [InlineData("10.96.0.0/12", "10.111.255.255", true)]
    [InlineData("10.96.0.0/12", "10.112.0.0", false)]
    [InlineData("10.96.0.0/12", "10.0.0.1", false)]
    [InlineData("10.96.0.0/12", "::a60:1", false)]
    [InlineData("fd00::/64", "fd00::ffff", true)]
    [InlineData("fd00::/64", "fd01::1", false)]
    public void Containment_follows_the_prefix(string cidr, string ip, bool contained) =>
        Assert.Equal(contained, Cidr.Parse(cidr).Contains(IP.Parse(ip)));

    [Fact]
    public void Size_last_index_and_nth_address_agree()
    {
        var svc = Cidr.Parse("10.96.0.0/12");
        Assert.Equal((UInt128)1048576, svc.Size);
        Assert.Equal(IP.Parse("10.111.255.255"), svc.Last);
        Assert.Equal(IP.Parse("10.96.0.10"), svc.At(10));
        Assert.Equal((UInt128)266, svc.IndexOf(IP.Parse("10.96.1.10")));
        Assert.Throws<ArgumentOutOfRangeException>(() => svc.At(svc.Size));
    }

    [Theory]
    [InlineData(0, "10.244.0.0/24")]
    [InlineData(1, "10.244.1.0/24")]
    [InlineData(255, "10.244.255.0/24")]
    public void The_nth_sub_block_is_counted_from_the_network(int index, string expected) =>
        Assert.Equal(expected, Cidr.Parse("10.244.0.0/16").Subnet(24, (UInt128)index).ToString());

    [Fact]
    public void Blocks_contain_and_overlap_blocks()
    {
        var pods = Cidr.Parse("10.244.0.0/16");
        Assert.True(pods.Contains(Cidr.Parse("10.244.3.0/24")));
        Assert.False(pods.Contains(Cidr.Parse("10.0.0.0/8")));
        Assert.True(pods.Overlaps(Cidr.Parse("10.0.0.0/8")));
        Assert.False(pods.Overlaps(Cidr.Parse("10.96.0.0/12")));
    }
}
