// Go's "%v" of decoded JSON, which upstream's patch error messages embed.
using System.Text.Json.Nodes;
using Kinet.Api.Patching;

namespace Kinet.Api.Tests.Patching;

public class GoJsonTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(123456789.5, "1.234567895e+08")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    public void Floats_print_like_go(double x, string expected) => Assert.Equal(expected, GoJson.FormatFloat(x));

    [Theory]
    [InlineData("""{"b":1,"a":"x"}""", "map[a:x b:1]")]
    [InlineData("""{"l":[{"k":null}],"e":{}}""", "map[e:map[] l:[map[k:<nil>]]]")]
    [InlineData("""{"n":80,"f":80.0}""", "map[f:80 n:80]")]
    public void Maps_print_with_sorted_keys(string json, string expected) =>
        Assert.Equal(expected, GoJson.Format(GoJson.From(JsonNode.Parse(json))));

    [Fact]
    public void Integral_literals_stay_integers_and_fractions_do_not()
    {
        var d = GoJson.FromObject(JsonNode.Parse("""{"i":80,"f":80.0,"e":8e1}""")!.AsObject());
        Assert.IsType<long>(d["i"]);
        Assert.IsType<double>(d["f"]);
        Assert.IsType<double>(d["e"]);
        Assert.NotEqual(d["i"], d["f"]);
    }
}
