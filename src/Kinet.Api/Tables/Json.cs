// Tolerant reads of the JSON objects the printers format: a missing or mistyped field reads as Go's zero value.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal static class Json
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(key, out node)) return null;
        }
        return node;
    }

    public static JsonObject? Obj(JsonNode? node, params string[] path) => At(node, path) as JsonObject;

    public static string Str(JsonNode? node, params string[] path) => Text(At(node, path)) ?? "";

    /// <summary>
    /// The text of a JSON string value, whether it was parsed or built in code from a non-string .NET value
    /// (a DateTime, an enum with a string converter); null for anything that does not serialize as a string.
    /// </summary>
    public static string? Text(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return null;
        return v.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(v.ToJsonString());
    }

    public static long Int(JsonNode? node, params string[] path)
    {
        if (At(node, path) is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return 0;
        var text = v.ToJsonString();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d : 0;
    }

    /// <summary>Whether the field is present and not null (a Go pointer that is set).</summary>
    public static bool Has(JsonNode? node, params string[] path) => At(node, path) is not null;

    public static bool Bool(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static IEnumerable<JsonNode?> Arr(JsonNode? node, params string[] path) =>
        At(node, path) as JsonArray ?? [];

    public static int Count(JsonNode? node, params string[] path) => At(node, path) switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        _ => 0,
    };

    public static IEnumerable<string> Strings(JsonNode? node, params string[] path) =>
        Arr(node, path).Select(n => Text(n) ?? "");
}
