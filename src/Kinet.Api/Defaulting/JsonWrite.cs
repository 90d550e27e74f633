// Fill-if-absent writers over JsonObject: defaulting never overwrites what a client sent, which keeps it idempotent.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Api.Defaulting;

internal static class JsonWrite
{
    /// <summary>A number backed by a JsonElement, so readers may take it as int, long or double alike
    /// (a CLR-backed JsonValue only converts to its own type).</summary>
    public static JsonValue Num(long value) => JsonValue.Create(JsonDocument.Parse(value.ToString(CultureInfo.InvariantCulture)).RootElement)!;

    /// <summary>Sets key to value when the key is absent or null.</summary>
    public static void Default(this JsonObject o, string key, JsonNode value)
    {
        if (!o.TryGetPropertyValue(key, out var n) || n is null) o[key] = value;
    }

    /// <summary>Sets a string field when absent, null or "" (Go's zero value means "unset" for these).</summary>
    public static void DefaultString(this JsonObject o, string key, string value)
    {
        if (!o.TryGetPropertyValue(key, out var n) || n is null || (n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
            o[key] = value;
    }

    /// <summary>The object under key, created when absent or null; null when the key holds something that is not an object.</summary>
    public static JsonObject? Child(this JsonObject o, string key)
    {
        if (!o.TryGetPropertyValue(key, out var n) || n is null)
        {
            var created = new JsonObject();
            o[key] = created;
            return created;
        }
        return n as JsonObject;
    }

    /// <summary>The object elements of an array field (absent or non-array yields nothing).</summary>
    public static IEnumerable<JsonObject> Items(this JsonObject? o, string key) =>
        o is not null && o.TryGetPropertyValue(key, out var n) && n is JsonArray a ? a.OfType<JsonObject>().ToList() : [];
}
