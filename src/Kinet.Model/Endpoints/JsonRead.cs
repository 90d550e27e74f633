// Small readers over the API's JsonObject representation, so the endpoint rules read like the Go they mirror.
using System.Text.Json.Nodes;

namespace Kinet.Model.Endpoints;

internal static class JsonRead
{
    public static string? Str(JsonNode? node, params string[] path)
    {
        foreach (var p in path) node = (node as JsonObject)?[p];
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    public static JsonObject? Obj(JsonNode? node, params string[] path)
    {
        foreach (var p in path) node = (node as JsonObject)?[p];
        return node as JsonObject;
    }

    public static JsonArray? Arr(JsonNode? node, params string[] path)
    {
        foreach (var p in path) node = (node as JsonObject)?[p];
        return node as JsonArray;
    }

    public static bool Bool(JsonNode? node, params string[] path)
    {
        foreach (var p in path) node = (node as JsonObject)?[p];
        return node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    }

    /// <summary>An int-or-string field (targetPort): the int, or null when it is a name.</summary>
    public static int? Int(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<long>(out var l)) return (int)l;
        if (v.TryGetValue<double>(out var d)) return (int)d;
        return null;
    }

    public static JsonObject StringMap(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs) o[k] = v;
        return o;
    }
}
