// One step of a field path (sigs.k8s.io/structured-merge-diff fieldpath.PathElement): a struct/map field, a list-map item
// by its keys, a set item by its value, or (rarely) a list index. Knows its FieldsV1 spelling ("f:name", "k:{...}", "v:...",
// "i:0") and its path spelling (".name", "[name=\"c\"]", "[=v]", "[0]").
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching.Apply;

public sealed class PathElement : IComparable<PathElement>, IEquatable<PathElement>
{
    public PathElementKind Kind { get; }
    /// <summary>Field: the JSON field name.</summary>
    public string? FieldName { get; }
    /// <summary>Key: the key fields of a list-map item, sorted by name (as upstream sorts them).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>>? Key { get; }
    /// <summary>Value: the set item's value.</summary>
    public JsonNode? Value { get; }
    public int Index { get; }

    // Spelled on first use: most elements are compared and combined, far fewer are serialized.
    private string? canonical;

    // Field elements are immutable and few (one per schema field name): share them instead of allocating per walk.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PathElement> Fields = new(StringComparer.Ordinal);

    private PathElement(PathElementKind kind, string? field, IReadOnlyList<KeyValuePair<string, JsonNode?>>? key, JsonNode? value, int index)
    {
        Kind = kind;
        FieldName = field;
        Key = key;
        Value = value;
        Index = index;
    }

    public static PathElement Field(string name) =>
        Fields.TryGetValue(name, out var pe) ? pe : Fields.GetOrAdd(name, n => new PathElement(PathElementKind.Field, n, null, null, 0));

    public static PathElement KeyOf(IEnumerable<KeyValuePair<string, JsonNode?>> fields) =>
        new(PathElementKind.Key, null,
            fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value?.DeepClone())).OrderBy(f => f.Key, StringComparer.Ordinal).ToArray(),
            null, 0);

    public static PathElement KeyOf(params (string Name, JsonNode? Value)[] fields) =>
        KeyOf(fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Name, f.Value)));

    public static PathElement ValueOf(JsonNode? value) => new(PathElementKind.Value, null, null, value?.DeepClone(), 0);

    public static PathElement IndexOf(int index) => new(PathElementKind.Index, null, null, null, index);

    /// <summary>The FieldsV1 object key: "f:name", "k:{\"name\":\"c\"}", "v:\"x\"", "i:0".</summary>
    public string Serialize() => canonical ??= Spell();

    private string Spell()
    {
        switch (Kind)
        {
            case PathElementKind.Field: return "f:" + FieldName;
            case PathElementKind.Key:
                var b = new StringBuilder("k:{");
                for (var i = 0; i < Key!.Count; i++)
                {
                    if (i > 0) b.Append(',');
                    GoJson.WriteString(b, Key[i].Key);
                    b.Append(':');
                    GoJson.Write(b, Key[i].Value);
                }
                return b.Append('}').ToString();
            case PathElementKind.Value: return "v:" + GoJson.Write(Value);
            default: return "i:" + Index.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Parses a FieldsV1 object key. Returns null for an unknown prefix (upstream drops those); throws FormatException when malformed.</summary>
    public static PathElement? Parse(string s)
    {
        if (s.Length < 2 || s[1] != ':') throw new FormatException($"invalid path element \"{s}\"");
        var body = s[2..];
        switch (s[0])
        {
            case 'f': return Field(body);
            case 'v': return ValueOf(ParseJson(body));
            case 'k':
                if (ParseJson(body) is not JsonObject o) throw new FormatException($"invalid key \"{s}\"");
                return KeyOf(o.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value)));
            case 'i':
                return int.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? IndexOf(i) : throw new FormatException($"invalid index \"{s}\"");
            default: return null;
        }
    }

    private static JsonNode? ParseJson(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException e) { throw new FormatException(e.Message, e); }
    }

    public int CompareTo(PathElement? other)
    {
        if (other is null) return 1;
        if (Kind != other.Kind) return Kind.CompareTo(other.Kind);
        switch (Kind)
        {
            case PathElementKind.Field: return Math.Sign(string.CompareOrdinal(FieldName, other.FieldName));
            case PathElementKind.Key:
                for (var i = 0; ; i++)
                {
                    if (i >= Key!.Count && i >= other.Key!.Count) return 0;
                    if (i >= Key.Count) return -1;
                    if (i >= other.Key!.Count) return 1;
                    var c = Math.Sign(string.CompareOrdinal(Key[i].Key, other.Key[i].Key));
                    if (c != 0) return c;
                    c = JsonValues.Compare(Key[i].Value, other.Key[i].Value);
                    if (c != 0) return c;
                }
            case PathElementKind.Value: return JsonValues.Compare(Value, other.Value);
            default: return Index.CompareTo(other.Index);
        }
    }

    public bool Equals(PathElement? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is PathElement p && Equals(p);
    // Keys and values hash by kind only: 80 and 80.0 compare equal but serialize differently. Sets are sorted lists, not hash tables.
    public override int GetHashCode() => Kind == PathElementKind.Field ? FieldName!.GetHashCode(StringComparison.Ordinal) : (int)Kind;

    /// <summary>The path spelling upstream prints in conflicts: ".name", "[name=\"c\",port=80]", "[=\"x\"]", "[0]".</summary>
    public override string ToString() => Kind switch
    {
        PathElementKind.Field => "." + FieldName,
        PathElementKind.Key => "[" + string.Join(",", Key!.Select(k => $"{k.Key}={JsonValues.ToGoString(k.Value)}")) + "]",
        PathElementKind.Value => $"[={JsonValues.ToGoString(Value)}]",
        _ => $"[{Index.ToString(CultureInfo.InvariantCulture)}]",
    };

    public static string Format(IEnumerable<PathElement> path) => string.Concat(path.Select(p => p.ToString()));
}
