// /openapi/v2, which kubectl fetches only as protobuf (gnostic openapi_v2.Document). Kinet serves a document with no
// definitions: kubectl's client-side schema check then skips kinds it does not know, and reports "no matches for kind"
// from discovery, as against a real cluster. All real validation happens server-side (fieldValidation=Strict via v3).
namespace Kinet.Api.OpenApi;

public static class OpenApiV2
{
    // kube-apiserver answers with a dot where the request had "@" (Go's mime parser rejects "@").
    public const string ProtobufMediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>Document{swagger=1:"2.0", info=2:{title=1, version=2}, paths=8:{}}.</summary>
    public static ReadOnlyMemory<byte> Protobuf { get; } = Build();

    private static byte[] Build()
    {
        static byte[] Str(int field, string s)
        {
            var b = System.Text.Encoding.UTF8.GetBytes(s);
            return [(byte)(field << 3 | 2), (byte)b.Length, .. b];
        }
        byte[] info = [.. Str(1, "Kubernetes"), .. Str(2, "v1.32.0")];
        return [.. Str(1, "2.0"), (byte)(2 << 3 | 2), (byte)info.Length, .. info, (byte)(8 << 3 | 2), 0];
    }
}
