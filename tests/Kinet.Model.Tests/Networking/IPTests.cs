// Address parsing and printing as Kubernetes (netutils.ParseIPSloppy, Go's net.IP.String) does it.
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Networking;

public class IPTests
{
    [Theory]
    [InlineData("10.96.0.1", "10.96.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("010.096.000.001", "10.96.0.1")] // sloppy: leading zeros are decimal, not octal
    [InlineData("fd00::1", "fd00::1")]
    [InlineData("FD00:0:0:0:0:0:0:A", "fd00::a")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")] // IPv4-mapped is IPv4, as in Go
    public void Addresses_parse_and_print_canonically(string text, string printed) =>
        Assert.Equal(printed, IP.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("10.96.0")]
    [InlineData("10.96.0.256")]
    [InlineData("10.96.0.1.2")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10.1")]
    [InlineData(" 10.0.0.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("1:2:3")]
    [InlineData("None")]
    public void Malformed_addresses_are_refused(string text) => Assert.False(IP.TryParse(text, out _));

    [Fact]
    public void Families_are_kept_apart_and_ordered_numerically()
    {
        Assert.NotEqual(IP.Parse("0.0.0.1"), IP.Parse("::1"));
        Assert.True(IP.Parse("10.0.0.9") < IP.Parse("10.0.0.10"));
        Assert.True(IP.Parse("255.255.255.255") < IP.Parse("::"));
    }

    [Fact]
    public void Adding_walks_the_address_space_and_refuses_to_leave_the_family()
    {
        Assert.Equal(IP.Parse("10.0.1.0"), IP.Parse("10.0.0.255") + 1);
        Assert.Throws<OverflowException>(() => IP.Parse("255.255.255.255") + 1);
    }
}
