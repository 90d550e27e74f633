// JSON patch (RFC 6902) as kube-apiserver applies it with evanphx/json-patch v4, quirks included.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Patching;

namespace Kinet.Api.Tests.Patching;

public class JsonPatchTests
{
    private const string Doc = """{"metadata":{"name":"p","labels":{"a":"1","x/y":"2","t~n":"3"}},"spec":{"list":[1,2,3]}}""";

    [Theory]
    [InlineData("""[{"op":"add","path":"/metadata/labels/b","value":"9"}]""", "/metadata/labels/b", "\"9\"")]
    [InlineData("""[{"op":"add","path":"/spec/list/-","value":4}]""", "/spec/list", "[1,2,3,4]")]
    [InlineData("""[{"op":"add","path":"/spec/list/0","value":0}]""", "/spec/list", "[0,1,2,3]")]
    [InlineData("""[{"op":"add","path":"/spec/list/3","value":4}]""", "/spec/list", "[1,2,3,4]")]
    [InlineData("""[{"op":"add","path":"/spec/list/-1","value":9}]""", "/spec/list", "[1,2,3,9]")]
    [InlineData("""[{"op":"remove","path":"/spec/list/1"}]""", "/spec/list", "[1,3]")]
    [InlineData("""[{"op":"remove","path":"/spec/list/-1"}]""", "/spec/list", "[1,2]")]
    [InlineData("""[{"op":"remove","path":"/metadata/labels/x~1y"}]""", "/metadata/labels", """{"a":"1","t~n":"3"}""")]
    [InlineData("""[{"op":"replace","path":"/metadata/labels/t~0n","value":"4"}]""", "/metadata/labels/t~n", "\"4\"")]
    [InlineData("""[{"op":"replace","path":"/metadata/labels/new","value":"5"}]""", "/metadata/labels/new", "\"5\"")]
    [InlineData("""[{"op":"move","from":"/metadata/labels/a","path":"/metadata/labels/b"}]""", "/metadata/labels", """{"x/y":"2","t~n":"3","b":"1"}""")]
    [InlineData("""[{"op":"copy","from":"/spec/list","path":"/spec/copy"}]""", "/spec", """{"list":[1,2,3],"copy":[1,2,3]}""")]
    [InlineData("""[{"op":"test","path":"/metadata/name","value":"p"},{"op":"replace","path":"/metadata/name","value":"q"}]""", "/metadata/name", "\"q\"")]
    [InlineData("""[{"op":"test","path":"/metadata/missing","value":null}]""", "/metadata/name", "\"p\"")]
    [InlineData("""[{"op":"test","path":"/spec/list","value":[1,2,3]}]""", "/spec/list", "[1,2,3]")]
    public void Operations_apply(string patch, string pointer, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(Doc)!, JsonNode.Parse(patch));
        Assert.True(JsonPatch.SameJson(JsonNode.Parse(expected), At(result, pointer)), $"got {result.ToJsonString()}");
    }

    private static JsonNode? At(JsonNode node, string pointer)
    {
        foreach (var part in pointer.Split('/').Skip(1))
            node = node[part.Replace("~1", "/").Replace("~0", "~")]!;
        return node;
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/metadata/name","value":"nope"}]""")]
    [InlineData("""[{"op":"remove","path":"/metadata/annotations/x"}]""")]
    [InlineData("""[{"op":"remove","path":"/metadata/labels/nope"}]""")]
    [InlineData("""[{"op":"add","path":"/missing/parent","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/spec/list/9","value":1}]""")]
    [InlineData("""[{"op":"replace","path":"/spec/list/3","value":1}]""")]
    [InlineData("""[{"op":"add","path":"nolead","value":1}]""")]
    [InlineData("""[{"op":"frob","path":"/a"}]""")]
    [InlineData("""[{"op":"add"}]""")]
    [InlineData("""[{"op":"move","from":"/nope","path":"/a"}]""")]
    public void A_failing_operation_is_a_generic_422(string patch)
    {
        var ex = Assert.Throws<ApiException>(() => JsonPatch.Apply(JsonNode.Parse(Doc)!, JsonNode.Parse(patch)));
        Assert.Equal((422, "Invalid", "the server rejected our request due to an error in our request"), (ex.Code, ex.Reason, ex.Message));
        Assert.Equal("{}", ex.Details!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"op":"add"}""", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    [InlineData("""["add"]""", "json: cannot unmarshal string into Go value of type jsonpatch.Operation")]
    public void A_patch_that_is_not_a_list_of_operations_is_a_bad_request(string patch, string message)
    {
        var ex = Assert.Throws<ApiException>(() => JsonPatch.Apply(JsonNode.Parse(Doc)!, JsonNode.Parse(patch)));
        Assert.Equal((400, message), (ex.Code, ex.Message));
    }

    [Fact]
    public void Strict_checks_name_unknown_operation_fields()
    {
        var patch = JsonNode.Parse("""[{"op":"add","path":"/a","value":1},{"op":"remove","path":"/b","foo":1}]""");
        Assert.Equal(["json patch unknown field \"[1].foo\""], JsonPatch.StrictErrors(patch));
    }

    [Fact]
    public void A_failed_patch_leaves_the_original_untouched()
    {
        var doc = JsonNode.Parse(Doc)!;
        Assert.Throws<ApiException>(() => JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"remove","path":"/metadata"},{"op":"test","path":"/x","value":1}]""")));
        Assert.Equal(JsonNode.Parse(Doc)!.ToJsonString(), doc.ToJsonString());
    }
}
