// RFC 7386 JSON merge patch (application/merge-patch+json), as kube-apiserver applies it via evanphx/json-patch v4.
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching;

public static class JsonMergePatch
{
    /// <summary>Returns original with patch merged in; neither argument is modified. A JSON null patch is "Invalid JSON Patch" (400).</summary>
    public static JsonNode? Apply(JsonNode? original, JsonNode? patch)
    {
        if (patch is null) throw PatchErrors.BadRequest("Invalid JSON Patch");
        return Merge(original?.DeepClone(), patch);
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode patch)
    {
        // Like evanphx v4: a value that replaces a non-object has its nested null fields dropped (also inside arrays);
        // a non-object that replaces an object is taken as is.
        if (target is not JsonObject result) return Pruned(patch.DeepClone());
        if (patch is not JsonObject p) return patch.DeepClone();
        foreach (var (key, value) in p)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            // Merging into an existing object mutates it in place, which keeps the key order of the original.
            var current = result[key];
            var merged = Merge(current, value);
            if (!ReferenceEquals(merged, current)) result[key] = merged;
        }
        return result;
    }

    private static JsonNode Pruned(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) o.Remove(key);
                foreach (var (_, v) in o) Pruned(v!);
                break;
            case JsonArray a:
                foreach (var v in a) if (v is not null) Pruned(v);
                break;
        }
        return node;
    }
}
