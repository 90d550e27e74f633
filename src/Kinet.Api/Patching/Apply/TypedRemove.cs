// Removes the fields of a set from a value (upstream removeItemsWithSchema): a member removes that field or list item
// with everything under it; a child set descends. Maps and lists left empty by the removal disappear too.
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal static class TypedRemove
{
    public static JsonObject Remove(SchemaNode? root, JsonObject value, FieldSet toRemove) =>
        Walk(root, value, toRemove) as JsonObject ?? new JsonObject();

    // Returns the value without the removed fields, or null when nothing is left.
    private static JsonNode? Walk(SchemaNode? node, JsonNode? value, FieldSet toRemove)
    {
        var t = TypeView.Of(node, value);
        switch (t.Shape)
        {
            case Shape.Scalar:
                return value?.DeepClone();
            case Shape.List:
            {
                if (value is not JsonArray a || a.Count == 0 || t.Atomic) return null;
                var kept = new JsonArray();
                foreach (var item in a)
                {
                    var pe = ListItems.Element(t.List!, item, out _);
                    if (pe is null) { kept.Add(item?.DeepClone()); continue; }
                    if (toRemove.HasMember(pe)) continue;
                    var sub = toRemove.WithPrefix(pe);
                    kept.Add(sub.IsEmpty ? item?.DeepClone() : Walk(t.ItemType, item, sub) ?? new JsonObject());
                }
                return kept.Count > 0 ? kept : null;
            }
            default:
            {
                if (value is not JsonObject o || o.Count == 0 || t.Atomic) return null;
                var kept = new JsonObject();
                foreach (var (key, child) in o)
                {
                    var pe = PathElement.Field(key);
                    if (toRemove.HasMember(pe)) continue;
                    var sub = toRemove.WithPrefix(pe);
                    if (sub.IsEmpty) kept[key] = child?.DeepClone();
                    else if (Walk(t.FieldType(key), child, sub) is { } rest) kept[key] = rest;
                }
                return kept.Count > 0 ? kept : null;
            }
        }
    }
}
