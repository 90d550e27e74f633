// How a list item is named in a field path (upstream listItemToPathElement): a list-map item by its key fields (with the
// schema default for a missing key, e.g. protocol "TCP" for ports), a set item by its value.
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal static class ListItems
{
    // The list-map keys with a schema default (+default= in k8s.io/api): ContainerPort.protocol and ServicePort.protocol.
    private static JsonNode? KeyDefault(string key) => key == "protocol" ? JsonValue.Create("TCP") : null;

    /// <summary>The item's path element, or an error message as upstream words it.</summary>
    public static PathElement? Element(ListNode list, JsonNode? item, out string? error)
    {
        error = null;
        if (list.ListType == ListType.Map && list.MapKeys.Count > 0)
        {
            if (item is null) { error = "associative list with keys may not have a null element"; return null; }
            if (item is not JsonObject o) { error = "associative list with keys may not have non-map elements"; return null; }
            var fields = new List<KeyValuePair<string, JsonNode?>>();
            foreach (var k in list.MapKeys)
            {
                if (o.TryGetPropertyValue(k, out var v)) fields.Add(new(k, v));
                else if (KeyDefault(k) is { } d) fields.Add(new(k, d));
            }
            if (fields.Count == 0)
            {
                error = $"associative list with keys has an element that omits all key fields [{string.Join(" ", list.MapKeys.Select(JsonValues.GoQuote))}] (and doesn't have default values for any key fields)";
                return null;
            }
            return PathElement.KeyOf(fields);
        }
        switch (item)
        {
            case JsonObject: error = "associative list without keys has an element that's a map type"; return null;
            case JsonArray: error = "not supported: associative list with lists as elements"; return null;
            case null: error = "associative list without keys has an element that's an explicit null"; return null;
            default: return PathElement.ValueOf(item);
        }
    }

    /// <summary>Items with their path elements; items whose element cannot be built are reported to <paramref name="errors"/> and skipped.</summary>
    public static List<(PathElement Pe, JsonNode? Item)> Index(ListNode list, JsonArray? items, string path, List<string>? errors)
    {
        var result = new List<(PathElement, JsonNode?)>();
        if (items is null) return result;
        for (var i = 0; i < items.Count; i++)
        {
            var pe = Element(list, items[i], out var error);
            if (pe is null) errors?.Add($"{path}: element {i}: {error}");
            else result.Add((pe, items[i]));
        }
        return result;
    }
}
