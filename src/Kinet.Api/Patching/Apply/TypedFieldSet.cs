// The set of fields a value sets (upstream TypedValue.ToFieldSet): every scalar, atomic list/map and list item; map
// entries that are not declared struct fields; and struct fields whose value is null or {}. This is what an applier owns.
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal static class TypedFieldSet
{
    public static FieldSet Of(SchemaNode? root, JsonNode? value)
    {
        var set = new FieldSet();
        Walk(root, value, [], set);
        return set;
    }

    private static void Walk(SchemaNode? node, JsonNode? value, List<PathElement> path, FieldSet set)
    {
        var t = TypeView.Of(node, value);
        switch (t.Shape)
        {
            case Shape.Scalar:
                set.Insert(path);
                return;
            case Shape.List:
                if (t.Atomic) { set.Insert(path); return; }
                if (value is not JsonArray a) return;
                var items = ListItems.Index(t.List!, a, "", null);
                var seen = new HashSet<string>();
                var duplicates = new HashSet<string>();
                foreach (var (pe, _) in items)
                {
                    if (seen.Add(pe.Serialize())) continue;
                    if (duplicates.Add(pe.Serialize())) InsertChild(set, path, pe);
                }
                foreach (var (pe, item) in items)
                {
                    if (duplicates.Contains(pe.Serialize())) continue;
                    path.Add(pe);
                    Walk(t.ItemType, item, path, set);
                    set.Insert(path);
                    path.RemoveAt(path.Count - 1);
                }
                return;
            default:
                if (t.Atomic) { set.Insert(path); return; }
                if (value is not JsonObject o) return;
                foreach (var (key, child) in o)
                {
                    path.Add(PathElement.Field(key));
                    Walk(t.FieldType(key), child, path, set);
                    if (child is null || child is JsonObject { Count: 0 } || !t.IsDeclaredField(key)) set.Insert(path);
                    path.RemoveAt(path.Count - 1);
                }
                return;
        }
    }

    private static void InsertChild(FieldSet set, List<PathElement> path, PathElement pe)
    {
        path.Add(pe);
        set.Insert(path);
        path.RemoveAt(path.Count - 1);
    }
}
