// The FieldsV1 wire form of a FieldSet (metadata.managedFields[].fieldsV1): a JSON object whose keys are serialized path
// elements; "{}" marks a leaf, "." marks a node that is itself a member and also has children.
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching.Apply;

public static class FieldsV1
{
    public static JsonObject Encode(FieldSet set)
    {
        var o = new JsonObject();
        Emit(set, o);
        return o;
    }

    // Members and children are interleaved in sorted order, as upstream's emitContentsV1 writes them.
    private static void Emit(FieldSet set, JsonObject o)
    {
        int mi = 0, ci = 0;
        var ms = set.Members;
        var cs = set.Children.Where(c => !c.Set.IsEmpty).ToList();
        while (mi < ms.Count || ci < cs.Count)
        {
            var c = mi >= ms.Count ? 1 : ci >= cs.Count ? -1 : ms[mi].CompareTo(cs[ci].Element);
            if (c < 0)
            {
                o[ms[mi++].Serialize()] = new JsonObject();
                continue;
            }
            var child = new JsonObject();
            if (c == 0)
            {
                child["."] = new JsonObject();
                mi++;
            }
            Emit(cs[ci].Set, child);
            o[cs[ci++].Element.Serialize()] = child;
        }
    }

    /// <summary>Parses a fieldsV1 object; throws FormatException when it is not one.</summary>
    public static FieldSet Decode(JsonNode? fields)
    {
        var set = new FieldSet();
        if (fields is null) return set;
        if (fields is not JsonObject o) throw new FormatException("fieldsV1 must be an object");
        Read(o, set);
        return set;
    }

    private static void Read(JsonObject o, FieldSet into)
    {
        foreach (var (key, value) in o)
        {
            if (key == ".") continue;
            var pe = PathElement.Parse(key);
            if (pe is null) continue;
            if (value is not JsonObject child) throw new FormatException($"value of \"{key}\" must be an object");
            var hasChildren = child.Any(p => p.Key != ".");
            if (!hasChildren || child.ContainsKey(".")) into.AddMember(pe);
            if (hasChildren) Read(child, into.Descend(pe));
        }
    }
}
