// Walks a request body against the schema the way sigs.k8s.io/json (kube's encoding/json fork) decodes it into the
// typed object: the first type error with its "Go struct field" context, unknown and duplicate fields with their
// strict paths ("spec.template.spec.containers[0].bar"), and unknown fields removed from the body.
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Decoding;

internal sealed class SchemaWalk
{
    private const int MaxStrictErrors = 100;
    private readonly IReadOnlySet<string> duplicates;
    private readonly List<string> strict = [];
    private readonly HashSet<string> seen = [];
    private string? savedError;
    private string? abortError;

    private SchemaWalk(IReadOnlySet<string> duplicates) => this.duplicates = duplicates;

    // Where a value sits: the innermost Go struct holding the field, the dotted struct-field path (for type errors),
    // and the strict path with map keys and list indices (for unknown/duplicate fields).
    private readonly record struct At(string? Struct, string FieldPath, string StrictPath)
    {
        public At Key(string key) => this with { StrictPath = StrictPath.Length == 0 ? key : StrictPath + "." + key };
        public At Field(string structName, string key) => Key(key) with { Struct = structName, FieldPath = FieldPath.Length == 0 ? key : FieldPath + "." + key };
        public At Index(int i) => this with { StrictPath = StrictPath + "[" + i + "]" };
    }

    public static DecodeReport Run(StructNode root, JsonObject body, IReadOnlySet<string>? duplicates)
    {
        var walk = new SchemaWalk(duplicates ?? new HashSet<string>());
        walk.Visit(body, root, root.GoType, new At(null, "", ""));
        return new DecodeReport { Error = walk.abortError ?? walk.savedError, StrictErrors = walk.strict };
    }

    private void Visit(JsonNode? value, SchemaNode node, string goType, At at)
    {
        if (value is null || abortError is not null) return;
        switch (node)
        {
            case StructNode s:
                if (value is not JsonObject obj)
                {
                    TypeError(Describe(value), goType, at);
                    return;
                }
                foreach (var (key, child) in obj.ToList())
                {
                    var field = s.Field(key);
                    var inner = at.Key(key);
                    if (field is null)
                    {
                        Strict("unknown field", inner.StrictPath);
                        obj.Remove(key);
                        continue;
                    }
                    Visit(child, field.Node, field.GoType, at.Field(s.Name, key));
                    if (duplicates.Contains(inner.StrictPath)) Strict("duplicate field", inner.StrictPath);
                }
                return;
            case ListNode l:
                if (value is not JsonArray arr)
                {
                    TypeError(Describe(value), goType, at);
                    return;
                }
                var itemType = ElementType(goType, "[]") ?? l.Items.GoType;
                for (var i = 0; i < arr.Count; i++) Visit(arr[i], l.Items, itemType, at.Index(i));
                return;
            case MapNode m:
                if (value is not JsonObject map)
                {
                    TypeError(Describe(value), goType, at);
                    return;
                }
                var valueType = MapValueType(goType) ?? m.Values.GoType;
                foreach (var (key, child) in map)
                {
                    Visit(child, m.Values, valueType, at);
                    var inner = at.Key(key);
                    if (duplicates.Contains(inner.StrictPath)) Strict("duplicate field", inner.StrictPath);
                }
                return;
            case ScalarNode sc:
                Scalar(value, sc.Kind, goType, at);
                return;
        }
    }

    private void Scalar(JsonNode value, ScalarKind kind, string goType, At at)
    {
        var jsonKind = value is JsonValue v ? v.GetValueKind() : value is JsonObject ? JsonValueKind.Object : JsonValueKind.Array;
        var raw = jsonKind == JsonValueKind.Number ? value.ToJsonString() : null;
        switch (kind)
        {
            case ScalarKind.String:
                if (jsonKind != JsonValueKind.String) TypeError(Describe(value), goType, at);
                break;
            case ScalarKind.Bool:
                if (jsonKind is not (JsonValueKind.True or JsonValueKind.False)) TypeError(Describe(value), goType, at);
                break;
            case ScalarKind.Double:
                if (jsonKind != JsonValueKind.Number) TypeError(Describe(value), goType, at);
                break;
            case ScalarKind.Int32 or ScalarKind.Int64:
                if (jsonKind != JsonValueKind.Number) TypeError(Describe(value), goType, at);
                else if (!FitsInteger(raw!, kind == ScalarKind.Int32)) TypeError("number " + raw, goType, at);
                break;
            case ScalarKind.IntOrString:
                // intstr decodes non-strings with the standard library into an int32, whose errors carry no field context.
                if (jsonKind == JsonValueKind.String) break;
                if (jsonKind != JsonValueKind.Number) Abort($"json: cannot unmarshal {Describe(value)} into Go value of type int32");
                else if (!FitsInteger(raw!, int32: true)) Abort($"json: cannot unmarshal number {raw} into Go value of type int32");
                break;
            case ScalarKind.Quantity:
                var text = jsonKind switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => raw!,
                    _ => value.ToJsonString(),
                };
                if (GoScalars.Quantity(text) is { } qerr) Abort(qerr);
                break;
            case ScalarKind.Time:
                if (jsonKind != JsonValueKind.String) Abort($"json: cannot unmarshal {Describe(value)} into Go value of type string");
                else if (GoScalars.Time(value.GetValue<string>(), micro: goType == "v1.MicroTime") is { } terr) Abort(terr);
                break;
            case ScalarKind.Bytes:
                if (jsonKind != JsonValueKind.String) TypeError(Describe(value), goType, at);
                else if (GoScalars.Base64(value.GetValue<string>()) is { } berr) savedError ??= berr;
                break;
        }
    }

    private static bool FitsInteger(string raw, bool int32) =>
        long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && (!int32 || n is >= int.MinValue and <= int.MaxValue);

    private static string Describe(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            _ => "bool",
        },
        _ => "value",
    };

    // Type errors are saved and decoding goes on, so the first one in the document is reported.
    private void TypeError(string what, string goType, At at) =>
        savedError ??= at.Struct is null
            ? $"json: cannot unmarshal {what} into Go value of type {goType}"
            : $"json: cannot unmarshal {what} into Go struct field {at.Struct}.{at.FieldPath} of type {goType}";

    // Errors from custom unmarshallers (IntOrString, Quantity, Time) stop decoding and win over saved ones.
    private void Abort(string message) => abortError ??= message;

    private void Strict(string kind, string path)
    {
        var text = $"{kind} {GoScalars.Quote(path)}";
        if (strict.Count < MaxStrictErrors && seen.Add(text)) strict.Add(text);
    }

    private static string? ElementType(string goType, string prefix) =>
        goType.StartsWith(prefix, StringComparison.Ordinal) ? goType[prefix.Length..] : null;

    // "map[string][]uint8" → "[]uint8"; named map types (v1.ResourceList) fall back to the schema.
    private static string? MapValueType(string goType)
    {
        if (!goType.StartsWith("map[", StringComparison.Ordinal)) return null;
        var depth = 0;
        for (var i = 3; i < goType.Length; i++)
        {
            if (goType[i] == '[') depth++;
            else if (goType[i] == ']' && --depth == 0) return goType[(i + 1)..];
        }
        return null;
    }
}
