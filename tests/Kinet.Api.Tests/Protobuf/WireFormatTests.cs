// How the decoder treats the protobuf wire format itself: unknown fields, packed lists, repeats, merges and varint widths.
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class WireFormatTests
{
    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped_and_known_ones_around_them_still_decode()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", c => c
            .Varint(99, 12345)
            .Message(1, m => m.String(1, "cm").Tag(50, 1).Raw(1, 2, 3, 4, 5, 6, 7, 8).String(3, "ns"))
            .Tag(98, 5).Raw(1, 2, 3, 4)
            .Tag(97, 3).Varint(1, 7).String(2, "in a group").Tag(97, 4) // a group, with fields inside
            .Entry(2, "k", "v")
            .String(96, "future field"));

        JsonAssert.Equal("""
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm","namespace":"ns"},"data":{"k":"v"}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void Packed_and_unpacked_repeated_varints_both_decode()
    {
        var packed = new ProtoWriter().RawVarint(2000).RawVarint(3000).ToArray();
        var body = ProtoWriter.Body("v1", "Pod", p => p.Message(2, spec => spec
            .Message(14, psc => psc.Varint(4, 1000).Bytes(4, packed))));

        JsonAssert.Equal("""
            {"kind":"Pod","apiVersion":"v1","spec":{"securityContext":{"supplementalGroups":[1000,2000,3000]}}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_repeated_message_field_merges_and_a_repeated_scalar_takes_the_last_value()
    {
        var body = ProtoWriter.Body("v1", "Namespace", n => n
            .Message(1, m => m.String(1, "first").Entry(11, "a", "1"))
            .Message(1, m => m.String(1, "second").Entry(11, "b", "2").Entry(11, "a", "3")));

        JsonAssert.Equal("""
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"second","labels":{"a":"3","b":"2"}}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void A_later_zero_value_removes_an_omitempty_scalar_as_go_would_leave_it_empty()
    {
        var body = ProtoWriter.Body("v1", "Namespace", n => n.Message(1, m => m.String(1, "x").String(1, "")));

        JsonAssert.Equal("""{"kind":"Namespace","apiVersion":"v1","metadata":{}}""", ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void Negative_and_oversized_varints_are_truncated_to_the_field_width_like_go()
    {
        var body = ProtoWriter.Body("v1", "Service", s => s.Message(2, spec => spec
            .Message(1, p => p.Varint(3, -1).Varint(5, 0x1_0000_0050)))); // port -1 as 10-byte varint; nodePort truncates to 80

        JsonAssert.Equal("""
            {"kind":"Service","apiVersion":"v1","spec":{"ports":[{"port":-1,"nodePort":80}]}}
            """, ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void Invalid_utf8_in_strings_becomes_the_replacement_character_as_go_json_does()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", c => c.Message(1, m => m.Bytes(1, [0x61, 0xff, 0x62])));

        JsonAssert.Equal("""{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a\uFFFDb"}}""", ProtobufDecoder.Decode(body));
    }

    [Fact]
    public void An_empty_typemeta_is_filled_from_the_endpoint_defaults()
    {
        var body = ProtoWriter.Body("", "", n => n.Message(1, m => m.String(1, "x")));

        JsonAssert.Equal("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x"}}""",
            ProtobufDecoder.Decode(body, defaultApiVersion: "v1", defaultKind: "Namespace"));
    }

    [Fact]
    public void Decoded_values_read_like_those_of_a_parsed_json_body()
    {
        var body = ProtoWriter.Body("apps/v1", "Deployment", d => d.Message(2, spec => spec.Varint(1, 3)));

        var replicas = ProtobufDecoder.Decode(body)["spec"]!["replicas"]!;

        Assert.Equal(3L, replicas.GetValue<long>());
        Assert.Equal(3, replicas.GetValue<int>());
        Assert.Equal(3.0, replicas.GetValue<double>());
    }
}
