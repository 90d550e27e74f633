// Tolerant readers over JsonObject: a missing, null or oddly-typed field reads as "absent", never throws.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal static class JsonRead
{
    public static JsonObject? Obj(this JsonObject? o, string key) => o is not null && o.TryGetPropertyValue(key, out var n) ? n as JsonObject : null;

    public static JsonArray? Arr(this JsonObject? o, string key) => o is not null && o.TryGetPropertyValue(key, out var n) ? n as JsonArray : null;

    /// <summary>True when the field is present and not JSON null.</summary>
    public static bool Has(this JsonObject? o, string key) => o is not null && o.TryGetPropertyValue(key, out var n) && n is not null;

    public static string? Str(this JsonObject? o, string key) => o is not null && o.TryGetPropertyValue(key, out var n) ? AsString(n) : null;

    /// <summary>The string, or "" when absent (Go's zero value, which upstream rules test with len()==0).</summary>
    public static string S(this JsonObject? o, string key) => o.Str(key) ?? "";

    public static long? Int(this JsonObject? o, string key) => o is not null && o.TryGetPropertyValue(key, out var n) ? AsLong(n) : null;

    public static bool? Bool(this JsonObject? o, string key) =>
        o is not null && o.TryGetPropertyValue(key, out var n) && n is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True : null;

    public static string? AsString(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? AsLong(JsonNode? n)
    {
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        return long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;
    }

    /// <summary>The array's elements that are objects, with their index (non-objects are skipped, not fatal).</summary>
    public static IEnumerable<(int Index, JsonObject Item)> Objects(this JsonArray? a)
    {
        if (a is null) yield break;
        for (var i = 0; i < a.Count; i++)
            if (a[i] is JsonObject o) yield return (i, o);
    }

    /// <summary>The array's string elements with their index.</summary>
    public static IEnumerable<(int Index, string Value)> Strings(this JsonArray? a)
    {
        if (a is null) yield break;
        for (var i = 0; i < a.Count; i++)
            if (AsString(a[i]) is { } s) yield return (i, s);
    }

    /// <summary>A map[string]string field as key/value pairs (non-string values read as "").</summary>
    public static IEnumerable<KeyValuePair<string, string>> StringMap(this JsonObject? o, string key)
    {
        var m = o.Obj(key);
        if (m is null) yield break;
        foreach (var kv in m) yield return new(kv.Key, AsString(kv.Value) ?? "");
    }

    public static int Count(this JsonArray? a) => a?.Count ?? 0;

    public static int Count(this JsonObject? o) => o?.Count ?? 0;

    /// <summary>Structural equality of two JSON values (absent and null are equal).</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => a is null ? b is null : b is not null && JsonNode.DeepEquals(a, b);
}
