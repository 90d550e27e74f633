// JSON merge patch: the RFC 7386 appendix A examples, plus kube-apiserver's answer to a null patch.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Patching;

namespace Kinet.Api.Tests.Patching;

public class JsonMergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    [InlineData("""{"metadata":{"labels":{"env":"dev","app":"x"}}}""", """{"metadata":{"labels":{"env":null}}}""", """{"metadata":{"labels":{"app":"x"}}}""")]
    public void Rfc_7386_examples(string original, string patch, string expected) =>
        Assert.True(JsonPatch.SameJson(JsonNode.Parse(expected), JsonMergePatch.Apply(JsonNode.Parse(original), JsonNode.Parse(patch))));

    [Fact]
    public void Merging_keeps_the_order_of_existing_keys()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("""{"a":1,"b":{"x":1,"y":2},"c":3}"""), JsonNode.Parse("""{"b":{"x":5},"a":2}"""));
        Assert.Equal("""{"a":2,"b":{"x":5,"y":2},"c":3}""", result!.ToJsonString());
    }

    [Fact]
    public void A_null_patch_is_an_invalid_json_patch()
    {
        var ex = Assert.Throws<ApiException>(() => JsonMergePatch.Apply(JsonNode.Parse("{}"), null));
        Assert.Equal((400, "BadRequest", "Invalid JSON Patch"), (ex.Code, ex.Reason, ex.Message));
    }

    [Fact]
    public void The_original_is_not_modified()
    {
        var original = JsonNode.Parse("""{"a":{"b":1}}""");
        JsonMergePatch.Apply(original, JsonNode.Parse("""{"a":{"b":2}}"""));
        Assert.Equal("""{"a":{"b":1}}""", original!.ToJsonString());
    }
}
