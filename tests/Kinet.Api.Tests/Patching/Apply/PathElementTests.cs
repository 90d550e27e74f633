// Path elements print as in kube-apiserver's conflict messages and order as upstream orders them.
using System.Text.Json.Nodes;
using Kinet.Api.Patching.Apply;

namespace Kinet.Api.Tests.Patching.Apply;

public class PathElementTests
{
    public static TheoryData<string, string> Printed => new()
    {
        { "f:image", ".image" },
        { "k:{\"name\":\"c\"}", "[name=\"c\"]" },
        { "k:{\"port\":80,\"protocol\":\"TCP\"}", "[port=80,protocol=\"TCP\"]" },
        { "v:\"example.com/x\"", "[=\"example.com/x\"]" },
        { "v:42", "[=42]" },
        { "i:3", "[3]" },
    };

    [Theory]
    [MemberData(nameof(Printed))]
    public void Each_kind_of_element_prints_as_upstream(string serialized, string printed)
    {
        var pe = PathElement.Parse(serialized)!;

        Assert.Equal(printed, pe.ToString());
        Assert.Equal(serialized, pe.Serialize());
    }

    [Fact]
    public void Numbers_sort_before_strings_and_compare_numerically()
    {
        var values = new JsonNode?[] { JsonValue.Create("a"), JsonValue.Create(10), JsonValue.Create(9.5), JsonValue.Create(true), null }
            .Select(PathElement.ValueOf).Order().Select(p => p.ToString());

        Assert.Equal(["[=9.5]", "[=10]", "[=\"a\"]", "[=true]", "[=null]"], values);
    }

    [Fact]
    public void An_integer_and_the_same_float_are_the_same_element()
    {
        Assert.Equal(PathElement.ValueOf(JsonValue.Create(80)), PathElement.ValueOf(JsonNode.Parse("80.0")));
    }
}
