// Small readers over System.Text.Json.Nodes (the API's object representation) for every rule in the model and for the
// controllers: a path of field names, absent or mistyped fields reading as null or the given default.
using System.Text.Json.Nodes;

namespace Kinet.Model;

public static class JsonRead
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(p, out node)) return null;
        }
        return node;
    }

    public static string? Str(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(JsonNode? node, params string[] path)
    {
        if (At(node, path) is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return null;
    }

    public static int Int(JsonNode? node, int fallback, params string[] path) => (int)(Long(node, path) ?? fallback);

    public static bool Bool(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static DateTimeOffset? Time(JsonNode? node, params string[] path) =>
        Str(node, path) is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>RFC 3339 with second precision, as metav1.Time serialises.</summary>
    public static string Rfc3339(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
