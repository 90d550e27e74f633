// The endpoint rules' names for the model's JSON readers (Kinet.Model.JsonRead), plus the int-or-string and map
// helpers only these rules need.
using System.Text.Json.Nodes;

namespace Kinet.Model.Endpoints;

internal static class JsonRead
{
    public static string? Str(JsonNode? node, params string[] path) => Model.JsonRead.Str(node, path);

    public static JsonObject? Obj(JsonNode? node, params string[] path) => Model.JsonRead.At(node, path) as JsonObject;

    public static JsonArray? Arr(JsonNode? node, params string[] path) => Model.JsonRead.At(node, path) as JsonArray;

    public static bool Bool(JsonNode? node, params string[] path) => Model.JsonRead.Bool(node, path);

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
