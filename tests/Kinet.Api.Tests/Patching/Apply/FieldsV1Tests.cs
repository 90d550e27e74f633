// FieldsV1 is byte-compatible with kube-apiserver's: element spelling, sort order, "." markers, Go JSON escaping.
using System.Text.Json.Nodes;
using Kinet.Api.Patching.Apply;
using static Kinet.Api.Tests.Patching.Apply.Paths;

namespace Kinet.Api.Tests.Patching.Apply;

public class FieldsV1Tests
{
    [Fact]
    public void A_leaf_is_an_empty_object_and_a_node_that_is_also_a_member_gets_a_dot()
    {
        var set = Set(P("metadata", "labels"), P("metadata", "labels", "app"), P("spec", "replicas"));

        Assert.Equal("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}""", Compact(FieldsV1.Encode(set)));
    }

    [Fact]
    public void Fields_sort_before_keys_and_keys_before_values()
    {
        var set = Set(
            P("v:\"b\""),
            P("k:{\"name\":\"c\"}"),
            P("f:zeta"),
            P("v:\"a\""),
            P("f:alpha"));

        Assert.Equal("""{"f:alpha":{},"f:zeta":{},"k:{\"name\":\"c\"}":{},"v:\"a\"":{},"v:\"b\"":{}}""", Compact(FieldsV1.Encode(set)));
    }

    [Fact]
    public void List_map_keys_are_written_sorted_by_name_whatever_order_they_were_given_in()
    {
        var pe = PathElement.KeyOf(("protocol", JsonValue.Create("TCP")), ("containerPort", JsonValue.Create(80)));

        Assert.Equal("k:{\"containerPort\":80,\"protocol\":\"TCP\"}", pe.Serialize());
        Assert.Equal("[containerPort=80,protocol=\"TCP\"]", pe.ToString());
    }

    [Fact]
    public void Strings_are_escaped_as_Go_escapes_them()
    {
        Assert.Equal("v:\"a\\u003cb\\u003e\\u0026\"", PathElement.ValueOf(JsonValue.Create("a<b>&")).Serialize());
    }

    [Theory]
    [InlineData("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}""")]
    [InlineData("""{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}""")]
    [InlineData("""{"f:metadata":{"f:finalizers":{".":{},"v:\"a\"":{},"v:\"b\"":{}}}}""")]
    public void Decoding_then_encoding_gives_back_the_same_text(string fieldsV1)
    {
        Assert.Equal(fieldsV1, Compact(FieldsV1.Encode(FieldsV1.Decode(JsonNode.Parse(fieldsV1)))));
    }

    [Fact]
    public void Decoding_reads_members_and_children()
    {
        var set = FieldsV1.Decode(JsonNode.Parse("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}"""));

        Assert.True(set.Has(P("metadata", "labels")));
        Assert.True(set.Has(P("metadata", "labels", "app")));
        Assert.False(set.Has(P("metadata")));
    }

    [Fact]
    public void Unknown_element_prefixes_are_dropped_as_upstream_does()
    {
        var set = FieldsV1.Decode(JsonNode.Parse("""{"x:future":{},"f:a":{}}"""));

        Assert.Equal("""{"f:a":{}}""", Compact(FieldsV1.Encode(set)));
    }

    [Theory]
    [InlineData("""{"f:a":1}""")]
    [InlineData("""{"k:notjson":{}}""")]
    [InlineData("""{"i:x":{}}""")]
    [InlineData("""[]""")]
    public void Malformed_fields_are_rejected(string fieldsV1)
    {
        Assert.Throws<FormatException>(() => FieldsV1.Decode(JsonNode.Parse(fieldsV1)));
    }
}
