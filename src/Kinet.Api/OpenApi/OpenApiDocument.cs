// One served OpenAPI v3 document: its UTF-8 JSON, computed once, and the content hash clients put in its URL.
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Kinet.Api.OpenApi;

public sealed class OpenApiDocument
{
    internal OpenApiDocument(string path, JsonObject json)
    {
        Path = path;
        Utf8 = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        // kube-apiserver's hash: the upper-case hex SHA-512 of the document.
        Hash = Convert.ToHexString(SHA512.HashData(Utf8.Span));
    }

    /// <summary>"api/v1", "apis/apps/v1"; "" for the index.</summary>
    public string Path { get; }

    /// <summary>The document as served (Content-Type application/json). Do not modify.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Upper-case hex SHA-512 of <see cref="Utf8"/>; also a good ETag.</summary>
    public string Hash { get; }

    /// <summary>Where the index points clients: "/openapi/v3/apis/apps/v1?hash=…".</summary>
    public string ServerRelativeUrl => Path.Length == 0 ? "/openapi/v3" : $"/openapi/v3/{Path}?hash={Hash}";

    /// <summary>A fresh, mutable copy of the document (for tests and diagnostics).</summary>
    public JsonObject ToJson() => JsonNode.Parse(Utf8.Span)!.AsObject();
}
