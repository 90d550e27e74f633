// Malformed bodies fail with a 400 BadRequest in kube-apiserver's wording, and nothing else ever escapes the decoder.
using Kinet.Api.Errors;
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class MalformedBodyTests
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    private static byte[] Envelope(byte[] unknown) => [.. Magic, .. unknown];

    public static TheoryData<string, byte[], string> Cases() => new()
    {
        { "an empty body", [], "the object provided is unrecognized (Namespace: <empty>): empty data" },
        { "JSON instead of protobuf", "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\"}"u8.ToArray(),
            "the object provided is unrecognized (Namespace: {\"kind\":\"Namespace\",\"apiVersio ...): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]" },
        { "the magic alone", Magic, "the object provided is unrecognized (Namespace: 6b387300): empty body" },
        { "a long truncated envelope", [.. Magic, 0x0a, 0x40, .. new byte[30]],
            "the object provided is unrecognized (Namespace: 6b3873000a40000000000000000000000000000000000000000000000000 ...): unexpected EOF" },
        { "a truncated envelope", Envelope([0x0a, 0x0f, 0x0a]), "the object provided is unrecognized (Namespace: 6b3873000a0f0a): unexpected EOF" },
        { "an unregistered kind", ProtoWriter.Body("v1", "Widget", _ => { }),
            "Widget in version \"v1\" cannot be handled as a Namespace: no kind \"Widget\" is registered for version \"v1\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"" },
        { "a string where a varint belongs", ProtoWriter.Body("v1", "Namespace", n => n.Message(1, m => m.String(7, "3"))),
            "Namespace in version \"v1\" cannot be handled as a Namespace: proto: wrong wireType = 2 for field Generation" },
        { "a varint where a message belongs", ProtoWriter.Body("v1", "Namespace", n => n.Varint(1, 1)),
            "Namespace in version \"v1\" cannot be handled as a Namespace: proto: wrong wireType = 0 for field ObjectMeta" },
        { "a length past the end", ProtoWriter.Body("v1", "Namespace", n => n.Tag(1, 2).RawVarint(50)),
            "Namespace in version \"v1\" cannot be handled as a Namespace: unexpected EOF" },
        { "a varint longer than ten bytes", ProtoWriter.Body("v1", "Namespace", n => n.Tag(99, 0).Raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)),
            "Namespace in version \"v1\" cannot be handled as a Namespace: proto: integer overflow" },
        { "an end-group tag out of nowhere", ProtoWriter.Body("v1", "Namespace", n => n.Tag(5, 4)),
            "Namespace in version \"v1\" cannot be handled as a Namespace: proto: Namespace: wiretype end group for non-group" },
        { "field number zero", ProtoWriter.Body("v1", "Namespace", n => n.Tag(0, 0).RawVarint(1)),
            "Namespace in version \"v1\" cannot be handled as a Namespace: proto: Namespace: illegal tag 0 (wire type 0)" },
        { "wire type 7", ProtoWriter.Body("v1", "Namespace", n => n.Tag(99, 7)),
            "Namespace in version \"v1\" cannot be handled as a Namespace: proto: illegal wireType 7" },
        { "a negative length", ProtoWriter.Body("v1", "Namespace", n => n.Tag(1, 2).RawVarint(ulong.MaxValue)),
            "Namespace in version \"v1\" cannot be handled as a Namespace: proto: negative length found during unmarshaling" },
        { "an empty quantity", ProtoWriter.Body("v1", "Node", n => n.Message(3, s => s.Message(1, e => e.String(1, "cpu").Message(2, q => q.String(1, ""))))),
            "Node in version \"v1\" cannot be handled as a Namespace: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
        { "an IntOrString of type 2", ProtoWriter.Body("v1", "Service", s => s.Message(2, sp => sp.Message(1, p => p.Message(4, i => i.Varint(1, 2))))),
            "Service in version \"v1\" cannot be handled as a Namespace: impossible IntOrString.Type" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_body_is_a_bad_request(string what, byte[] body, string message)
    {
        var e = Assert.Throws<ApiException>(() => ProtobufDecoder.Decode(body, "v1", "Namespace"));

        Assert.Equal(400, e.Code);
        Assert.Equal("BadRequest", e.Reason);
        Assert.Equal(message, e.Message);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void A_typemeta_without_kind_is_reported_as_missing_when_there_is_no_default()
    {
        var e = Assert.Throws<ApiException>(() => ProtobufDecoder.Decode(ProtoWriter.Body("v1", "", _ => { })));

        Assert.Equal(400, e.Code);
        Assert.EndsWith("Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"v1\", Kind:\"\"}'", e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_real_body_either_decodes_or_is_a_bad_request()
    {
        var body = File.ReadAllBytes(Path.Combine(FixtureDirectory(), "create-deployment-two-images-port.bin"));
        for (var length = 0; length < body.Length; length++)
            DecodesOrIsBadRequest(body[..length]);
    }

    [Fact]
    public void Random_and_bit_flipped_bodies_either_decode_or_are_bad_requests()
    {
        var random = new Random(20261126);
        var seed = File.ReadAllBytes(Path.Combine(FixtureDirectory(), "create-ingress.bin"));
        for (var i = 0; i < 3000; i++)
        {
            byte[] body;
            if (i % 2 == 0)
            {
                body = new byte[random.Next(0, 200)];
                random.NextBytes(body);
                if (body.Length >= 4 && i % 4 == 0) Magic.CopyTo(body, 0);
            }
            else
            {
                body = (byte[])seed.Clone();
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                    body[random.Next(4, body.Length)] ^= (byte)(1 << random.Next(8));
            }
            DecodesOrIsBadRequest(body);
        }
    }

    private static void DecodesOrIsBadRequest(byte[] body)
    {
        try
        {
            ProtobufDecoder.Decode(body);
        }
        catch (ApiException e)
        {
            Assert.Equal(400, e.Code);
        }
    }

    private static string FixtureDirectory([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures");
}
