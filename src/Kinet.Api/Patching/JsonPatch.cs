// RFC 6902 JSON patch (application/json-patch+json) with the quirks of evanphx/json-patch v4, which kube-apiserver uses:
// "replace" of a missing object key adds it, negative array indices count from the end, and any failing operation
// is a generic 422 whose message does not say which one failed.
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching;

public static class JsonPatch
{
    /// <summary>kube-apiserver refuses patches with more operations than this (413).</summary>
    public const int MaxOperations = 10000;

    /// <summary>Applies the operations to a copy of original. Malformed patch → 400; a failing operation → 422.</summary>
    public static JsonNode Apply(JsonNode original, JsonNode? patch)
    {
        var ops = Decode(patch);
        if (ops.Count > MaxOperations)
            throw new Errors.ApiException(413, "RequestEntityTooLarge",
                $"Request entity too large: The allowed maximum operations in a JSON patch is {MaxOperations}, got {ops.Count}");
        var doc = original.DeepClone();
        foreach (var op in ops)
            doc = ApplyOne(doc, op) ?? throw PatchErrors.Unprocessable();
        return doc;
    }

    /// <summary>
    /// What fieldValidation Strict/Warn find in the operations themselves (kjson.UnmarshalStrict into []jsonPatchOp):
    /// `json patch unknown field "[0].foo"`, `json patch duplicate field "[1].op"` (from <paramref name="duplicateFields"/>).
    /// </summary>
    public static IReadOnlyList<string> StrictErrors(JsonNode? patch, IReadOnlySet<string>? duplicateFields = null)
    {
        var errors = new List<string>();
        if (patch is not JsonArray ops) return errors;
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i] is not JsonObject op) continue;
            foreach (var (key, _) in op)
            {
                var path = $"[{i}].{key}";
                if (key is not ("op" or "path" or "from" or "value")) errors.Add($"json patch unknown field \"{path}\"");
                else if (duplicateFields?.Contains(path) == true) errors.Add($"json patch duplicate field \"{path}\"");
            }
        }
        return errors;
    }

    /// <summary>The patch must be a JSON array of objects, as Go decodes it into jsonpatch.Patch; JSON null is an empty patch.</summary>
    private static List<JsonObject?> Decode(JsonNode? patch)
    {
        if (patch is null) return [];
        if (patch is not JsonArray array)
            throw PatchErrors.BadRequest($"json: cannot unmarshal {JsonKind(patch)} into Go value of type jsonpatch.Patch");
        var ops = new List<JsonObject?>();
        foreach (var item in array)
        {
            if (item is not null and not JsonObject)
                throw PatchErrors.BadRequest($"json: cannot unmarshal {JsonKind(item)} into Go value of type jsonpatch.Operation");
            ops.Add((JsonObject?)item);
        }
        return ops;
    }

    internal static string JsonKind(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
            _ => "null",
        },
        _ => "value",
    };

    // Returns the new document, or null when the operation does not apply.
    private static JsonNode? ApplyOne(JsonNode doc, JsonObject? op)
    {
        var kind = StringField(op, "op");
        var path = StringField(op, "path");
        if (path is null) return null;
        var hasValue = op!.TryGetPropertyValue("value", out var value);
        switch (kind)
        {
            case "add":
                return Locate(doc, path) is { } add && add.Add(value?.DeepClone()) ? doc : null;
            case "remove":
                return Locate(doc, path) is { } remove && remove.Remove() ? doc : null;
            case "replace":
                if (path.Length == 0) return value is JsonObject or JsonArray ? value.DeepClone() : null;
                return Locate(doc, path) is { } replace && replace.Replace(value?.DeepClone()) ? doc : null;
            case "move":
            {
                var from = StringField(op, "from");
                if (from is null || Locate(doc, from) is not { } source) return null;
                if (!source.TryGet(out var moved) || !source.Remove()) return null;
                return Locate(doc, path) is { } target && target.Add(moved) ? doc : null;
            }
            case "copy":
            {
                var from = StringField(op, "from");
                if (from is null || Locate(doc, from) is not { } source || !source.TryGet(out var copied)) return null;
                return Locate(doc, path) is { } target && target.Add(copied?.DeepClone()) ? doc : null;
            }
            case "test":
            {
                if (path.Length == 0) return hasValue && SameJson(doc, value) ? doc : null;
                if (Locate(doc, path) is not { } at || !at.TryGet(out var actual)) return null;
                // A missing (or null) value passes only against an explicit null.
                if (actual is null) return hasValue && value is null ? doc : null;
                return hasValue && SameJson(actual, value) ? doc : null;
            }
            default:
                return null;
        }
    }

    private static string? StringField(JsonObject? op, string name) =>
        op is not null && op.TryGetPropertyValue(name, out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;

    internal static bool SameJson(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(kv => y.TryGetPropertyValue(kv.Key, out var yv) && SameJson(kv.Value, yv)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameJson(p.First, p.Second)),
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };

    // The container that holds the last path segment, as findObject does: every intermediate segment must exist
    // and be an object or array. Paths without a leading "/" (other than "") never resolve.
    private static Location? Locate(JsonNode doc, string path)
    {
        var parts = path.Split('/');
        if (parts.Length < 2) return null;
        JsonNode? node = doc;
        foreach (var raw in parts[1..^1])
        {
            var key = Unescape(raw);
            node = node switch
            {
                JsonObject o => o[key],
                JsonArray a => Index(a, key, a.Count) is { } i && i < a.Count ? a[i] : null,
                _ => null,
            };
            if (node is not (JsonObject or JsonArray)) return null;
        }
        return new Location(node, Unescape(parts[^1]));
    }

    private static string Unescape(string s) => s.Replace("~1", "/").Replace("~0", "~");

    // Go's strconv.Atoi plus v4's negative indices (counted from the end of a list of length count).
    private static int? Index(JsonArray a, string key, int count)
    {
        if (!int.TryParse(key, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var i)) return null;
        if (i < 0)
        {
            if (i < -count) return null;
            i += count;
        }
        return i;
    }

    private sealed record Location(JsonNode Container, string Key)
    {
        public bool TryGet(out JsonNode? value)
        {
            value = null;
            switch (Container)
            {
                case JsonObject o:
                    value = o[Key];
                    return true;
                case JsonArray a when Index(a, Key, a.Count) is { } i && i < a.Count:
                    value = a[i];
                    return true;
                default:
                    return false;
            }
        }

        public bool Add(JsonNode? value)
        {
            switch (Container)
            {
                case JsonObject o:
                    o[Key] = value;
                    return true;
                case JsonArray a when Key == "-":
                    a.Add(value);
                    return true;
                case JsonArray a when Index(a, Key, a.Count + 1) is { } i && i <= a.Count:
                    a.Insert(i, value);
                    return true;
                default:
                    return false;
            }
        }

        public bool Remove()
        {
            switch (Container)
            {
                case JsonObject o:
                    return o.Remove(Key);
                case JsonArray a when Index(a, Key, a.Count) is { } i && i < a.Count:
                    a.RemoveAt(i);
                    return true;
                default:
                    return false;
            }
        }

        public bool Replace(JsonNode? value)
        {
            switch (Container)
            {
                case JsonObject o:
                    o[Key] = value;
                    return true;
                case JsonArray a when Index(a, Key, a.Count) is { } i && i < a.Count:
                    a[i] = value;
                    return true;
                default:
                    return false;
            }
        }
    }
}
