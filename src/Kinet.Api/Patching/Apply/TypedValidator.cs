// Checks an applied configuration the way upstream's conversion to a typed value does before merging: no fields the
// schema lacks, every list-map item keyed, no duplicate items. Messages are upstream's ("<path>: <problem>").
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal static class TypedValidator
{
    public static List<string> Validate(SchemaNode? root, JsonNode? value)
    {
        var errors = new List<string>();
        Walk(root, value, [], errors);
        return errors;
    }

    private static void Walk(SchemaNode? node, JsonNode? value, List<PathElement> path, List<string> errors)
    {
        var t = TypeView.Of(node, value);
        switch (t.Shape)
        {
            case Shape.List when !t.Atomic && value is JsonArray a:
                var where = PathElement.Format(path);
                var seen = new HashSet<string>();
                foreach (var (pe, item) in ListItems.Index(t.List!, a, where, errors))
                {
                    if (!seen.Add(pe.Serialize()))
                    {
                        errors.Add($"{where}: duplicate entries for key {pe}");
                        continue;
                    }
                    path.Add(pe);
                    Walk(t.ItemType, item, path, errors);
                    path.RemoveAt(path.Count - 1);
                }
                return;
            case Shape.List when t.ItemType is not null && value is JsonArray atomic:
                // Items of an atomic list are not owned separately, but they are still checked (named by index).
                for (var i = 0; i < atomic.Count; i++)
                {
                    path.Add(PathElement.IndexOf(i));
                    Walk(t.ItemType, atomic[i], path, errors);
                    path.RemoveAt(path.Count - 1);
                }
                return;
            case Shape.Map when value is JsonObject o:
                foreach (var (key, child) in o)
                {
                    path.Add(PathElement.Field(key));
                    if (t.Node is StructNode && !t.IsDeclaredField(key)) errors.Add($"{PathElement.Format(path)}: field not declared in schema");
                    else Walk(t.FieldType(key), child, path, errors);
                    path.RemoveAt(path.Count - 1);
                }
                return;
        }
    }
}
