// The body captured in the wire-protocol reference (§6.1) decodes to the namespace kubectl meant.
using Kinet.Api.Protobuf;

namespace Kinet.Api.Tests.Protobuf;

public class DocumentedBodyTests
{
    // 6b387300 0a0f{0a02"v1" 1209"Namespace"} 121a{0a12{0a02"x1" 1200 1a00 2200 2a00 3200 3800 4200} 1200 1a02{0a00}} 1a00 2200
    private const string CreateNamespaceX1 =
        "6b387300" + "0a0f" + "0a02" + "7631" + "1209" + "4e616d657370616365" +
        "121a" + "0a12" + "0a02" + "7831" + "1200" + "1a00" + "2200" + "2a00" + "3200" + "3800" + "4200" +
        "1200" + "1a02" + "0a00" +
        "1a00" + "2200";

    [Fact]
    public void The_documented_create_namespace_body_decodes_to_the_namespace_with_empty_fields_omitted()
    {
        var decoded = ProtobufDecoder.Decode(Convert.FromHexString(CreateNamespaceX1));

        JsonAssert.Equal("""
            {"kind":"Namespace","apiVersion":"v1",
             "metadata":{"name":"x1","creationTimestamp":null},"spec":{},"status":{}}
            """, decoded);
    }
}
