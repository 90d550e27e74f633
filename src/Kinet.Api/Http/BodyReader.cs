// Reads a request body in any encoding kubectl sends (JSON, YAML, protobuf) into JSON.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Integration;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Http;

public static class BodyReader
{
    /// <summary>kube-apiserver's request body limit (3 MiB).</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (ms.Length + n > MaxBodyBytes)
                throw new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    /// <summary>The body as JSON; null when the body is empty.</summary>
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken ct, Resources.ResourceInfo? resource = null)
    {
        var bytes = await ReadBytesAsync(request, ct);
        if (bytes.Length == 0) return null;
        return Decode(MediaTypes.Bare(request.ContentType), bytes, resource);
    }

    public static JsonNode Decode(string mediaType, byte[] bytes, Resources.ResourceInfo? resource = null)
    {
        switch (mediaType)
        {
            case MediaTypes.Protobuf:
                return Components.DecodeProtobuf(bytes, resource);
            case MediaTypes.Yaml:
            case MediaTypes.ApplyPatchYaml:
                return ParseYamlOrJson(bytes);
            case "":
            case MediaTypes.Json:
            case MediaTypes.JsonPatch:
            case MediaTypes.MergePatch:
            case MediaTypes.StrategicMergePatch:
                return ParseJson(bytes);
            default:
                throw ApiException.UnsupportedMediaType(mediaType);
        }
    }

    public static JsonNode ParseJson(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 512 })
                   ?? throw ApiException.BadRequest("the body of the request was empty or null");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding request body: {e.Message}");
        }
    }

    private static JsonNode ParseYamlOrJson(byte[] bytes)
    {
        // JSON is valid YAML; kubectl's apply-patch+yaml bodies are in fact JSON.
        var text = Encoding.UTF8.GetString(bytes).TrimStart();
        if (text.StartsWith('{') || text.StartsWith('[')) return ParseJson(bytes);
        return Components.ParseYaml(text);
    }
}
