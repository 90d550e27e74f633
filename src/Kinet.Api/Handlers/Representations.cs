// Renders objects and lists in the representation the client negotiated: the object itself, a Table, or PartialObjectMetadata.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Http;
using Kinet.Api.Integration;
using Kinet.Api.Resources;
using Kinet.Store;
using Microsoft.AspNetCore.Http;

namespace Kinet.Api.Handlers;

public static class Representations
{
    public static string IncludeObject(HttpContext http) =>
        http.Request.Query["includeObject"].ToString() switch { "None" => "None", "Object" => "Object", _ => "Metadata" };

    public static Task WriteObjectAsync(HttpContext http, ApiContext api, ResourceInfo r, JsonObject obj, int status)
    {
        switch (MediaTypes.Negotiate(http.Request.Headers.Accept))
        {
            case Representation.Table:
                return ResponseWriter.WriteJsonAsync(http, status,
                    Components.Table(r, [obj], Registry.Meta.ResourceVersion(obj), null, IncludeObject(http), false, api.Now));
            case Representation.PartialObjectMetadata:
                return ResponseWriter.WriteJsonAsync(http, status, PartialMetadata(obj));
            default:
                return ResponseWriter.WriteJsonAsync(http, status, obj);
        }
    }

    public static JsonObject PartialMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };

    public static async Task WriteListAsync(HttpContext http, ApiContext api, ResourceInfo r, IReadOnlyList<StoredObject> items, long revision, string? continueToken)
    {
        var rv = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (MediaTypes.Negotiate(http.Request.Headers.Accept))
        {
            case Representation.Table:
                await ResponseWriter.WriteJsonAsync(http, 200,
                    Components.Table(r, items.Select(ApiContext.Parse).ToArray(), rv, continueToken, IncludeObject(http), false, api.Now));
                return;
            case Representation.PartialObjectMetadata:
                var list = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadataList",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = ListMeta(rv, continueToken),
                    ["items"] = new JsonArray(items.Select(i => (JsonNode)PartialMetadata(ApiContext.Parse(i))).ToArray()),
                };
                await ResponseWriter.WriteJsonAsync(http, 200, list);
                return;
        }
        // The plain list is spliced from the stored bytes: no parse, no re-serialisation (lists of 10,000 pods stay fast).
        var head = Encoding.UTF8.GetBytes(
            $"{{\"kind\":\"{r.ListKind}\",\"apiVersion\":\"{r.ApiVersion}\",\"metadata\":{JsonSerializer.Serialize(ListMeta(rv, continueToken))},\"items\":[");
        long length = head.Length + 2 + Math.Max(0, items.Count - 1);
        foreach (var i in items) length += i.Json.Length;
        http.Response.StatusCode = 200;
        http.Response.ContentType = MediaTypes.Json;
        http.Response.ContentLength = length;
        var body = http.Response.Body;
        await body.WriteAsync(head, http.RequestAborted);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) await body.WriteAsync(Comma, http.RequestAborted);
            await body.WriteAsync(items[i].Json, http.RequestAborted);
        }
        await body.WriteAsync(Close, http.RequestAborted);
    }

    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] Close = "]}"u8.ToArray();

    private static JsonObject ListMeta(string rv, string? continueToken)
    {
        var m = new JsonObject { ["resourceVersion"] = rv };
        if (!string.IsNullOrEmpty(continueToken)) m["continue"] = continueToken;
        return m;
    }
}
