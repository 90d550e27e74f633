// Port ranges as apimachinery's net.PortRange parses and prints them.
using Kinet.Model.Networking;

namespace Kinet.Model.Tests.Networking;

public class PortRangeTests
{
    [Theory]
    [InlineData("30000-32767", 30000, 2768, "30000-32767")]
    [InlineData("30000+2767", 30000, 2768, "30000-32767")]
    [InlineData("8080", 8080, 1, "8080-8080")]
    public void Ranges_parse_in_each_form_and_print_as_low_dash_high(string text, int @base, int size, string printed)
    {
        var range = PortRange.Parse(text);
        Assert.Equal(new PortRange(@base, size), range);
        Assert.Equal(printed, range.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("32767-30000")]
    [InlineData("1-70000")]
    [InlineData("a-b")]
    [InlineData("1-2+3")]
    public void Malformed_ranges_are_refused(string text) => Assert.False(PortRange.TryParse(text, out _));

    [Fact]
    public void The_default_node_port_range_holds_both_ends_only() =>
        Assert.Equal([false, true, true, false],
            new[] { 29999, 30000, 32767, 32768 }.Select(PortRange.NodePortDefault.Contains));
}
