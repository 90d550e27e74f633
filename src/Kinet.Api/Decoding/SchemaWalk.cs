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

    // Converter mode follows runtime.DefaultUnstructuredConverter.FromUnstructuredWithValidation, which decodes the
    // result of a strategic merge patch: other error texts, the first error stops, unknown fields come sorted.
    private readonly bool converter;

    private SchemaWalk(IReadOnlySet<string> duplicates, bool converter)
    {
        this.duplicates = duplicates;
        this.converter = converter;
    }

    // Where a value sits: the innermost Go struct holding the field, the dotted struct-field path (for type errors),
    // and the strict path with map keys and list indices (for unknown/duplicate fields).
    private readonly record struct At(string? Struct, string FieldPath, string StrictPath)
    {
        public At Key(string key) => this with { StrictPath = StrictPath.Length == 0 ? key : StrictPath + "." + key };
        public At Field(string structName, string key) => Key(key) with { Struct = structName, FieldPath = FieldPath.Length == 0 ? key : FieldPath + "." + key };
        public At Index(int i) => this with { StrictPath = StrictPath + "[" + i + "]" };
    }

    public static DecodeReport Run(StructNode root, JsonObject body, IReadOnlySet<string>? duplicates, bool converter = false)
    {
        var walk = new SchemaWalk(duplicates ?? new HashSet<string>(), converter);
        walk.Visit(body, root, root.GoType, new At(null, "", ""));
        if (converter) walk.strict.Sort(StringComparer.Ordinal);
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
                    if (converter) Abort($"cannot restore struct from: {GoKind(value)}");
                    else TypeError(Describe(value), goType, at);
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
                    if (converter) Abort($"cannot restore slice from {GoKind(value)}");
                    else TypeError(Describe(value), goType, at);
                    return;
                }
                var itemType = ElementType(goType, "[]") ?? l.Items.GoType;
                for (var i = 0; i < arr.Count; i++) Visit(arr[i], l.Items, itemType, at.Index(i));
                return;
            case MapNode m:
                if (value is not JsonObject map)
                {
                    if (converter) Abort($"cannot restore map from {GoKind(value)}");
                    else TypeError(Describe(value), goType, at);
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
            case ScalarNode sc when converter && ConverterScalar(value, sc.Kind, goType) is { } error:
                Abort(error);
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

    // fromUnstructured for plain kinds: assignable or JSON-compatible conversions pass; int64 and float64 sources that
    // reflect can convert give "cannot convert", anything else "unrecognized type" (with the destination's kind).
    // Null is a pass; special scalars fall through to their JSON unmarshallers (null result).
    private static string? ConverterScalar(JsonNode value, ScalarKind kind, string goType)
    {
        var source = GoKind(value);
        var destKind = kind switch
        {
            ScalarKind.String => "string",
            ScalarKind.Int32 => "int32",
            ScalarKind.Int64 => "int64",
            ScalarKind.Bool => "bool",
            ScalarKind.Double => "float64",
            _ => null,
        };
        if (kind == ScalarKind.Bytes)
        {
            if (source == "string")
                return GoScalars.Base64(value.GetValue<string>()) is { } e ? "error decoding from json: " + e : null;
            return source == "slice" ? null : $"cannot restore slice from {source}";
        }
        if (destKind is null) return null;
        var ok = (destKind, source) switch
        {
            ("string", "string") or ("bool", "bool") => true,
            ("int32" or "int64", "int64") => true,
            ("int32" or "int64", "float64") => Math.Truncate(value.GetValue<double>()) == value.GetValue<double>(),
            ("float64", "int64" or "float64") => true,
            _ => false,
        };
        if (ok) return null;
        var convertible = source is "int64" || (source == "float64" && destKind != "string");
        return convertible ? $"cannot convert {source} to {goType}" : $"unrecognized type: {destKind}";
    }

    private static string GoKind(JsonNode value) => value switch
    {
        JsonObject => "map",
        JsonArray => "slice",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => v.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "int64" : "float64",
            _ => "bool",
        },
        _ => "value",
    };

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
