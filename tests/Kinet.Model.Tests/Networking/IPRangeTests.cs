// Inclusive address ranges, the form of a load-balancer pool.
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Networking;

public class IPRangeTests
{
    [Theory]
    [InlineData("172.18.255.200-172.18.255.250", "172.18.255.200-172.18.255.250", 51)]
    [InlineData("172.18.255.200 - 172.18.255.200", "172.18.255.200-172.18.255.200", 1)]
    [InlineData("172.18.255.0/28", "172.18.255.0-172.18.255.15", 16)]
    public void Pools_parse_from_a_range_or_a_block(string text, string printed, int count)
    {
        var range = IPRange.Parse(text);
        Assert.Equal(printed, range.ToString());
        Assert.Equal((UInt128)count, range.Count);
    }

    [Theory]
    [InlineData("172.18.255.250-172.18.255.200")]
    [InlineData("172.18.255.200-fd00::1")]
    [InlineData("172.18.255.200")]
    public void Empty_mixed_or_open_ranges_are_refused(string text) => Assert.False(IPRange.TryParse(text, out _));
}
