// structured-merge-diff's value semantics on System.Text.Json nodes: kinds, total order, equality, and the Go %v/%q text
// used in conflict paths. The order decides how FieldsV1 keys are sorted, so it follows upstream value.Compare exactly.
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching.Apply;

internal enum ValueKind { Null, Bool, Int, Float, String, List, Map }

internal static class JsonValues
{
    public static ValueKind Kind(JsonNode? v) => v switch
    {
        null => ValueKind.Null,
        JsonObject => ValueKind.Map,
        JsonArray => ValueKind.List,
        JsonValue jv => jv.GetValueKind() switch
        {
            JsonValueKind.String => ValueKind.String,
            JsonValueKind.True or JsonValueKind.False => ValueKind.Bool,
            JsonValueKind.Number => IsIntegral(jv) ? ValueKind.Int : ValueKind.Float,
            _ => ValueKind.Null,
        },
        _ => ValueKind.Null,
    };

    private static bool IsIntegral(JsonValue v)
    {
        if (v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _)) return true;
        if (v.TryGetValue<double>(out _) || v.TryGetValue<float>(out _) || v.TryGetValue<decimal>(out _)) return false;
        // Parsed JSON (JsonElement-backed): integral iff written without fraction or exponent.
        var raw = v.ToJsonString();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0 && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    public static long AsInt(JsonNode v) => v.AsValue().TryGetValue<long>(out var l) ? l : long.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);

    public static double AsFloat(JsonNode v) => v.AsValue().TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);

    public static string AsString(JsonNode v) => v.GetValue<string>();

    public static bool AsBool(JsonNode v) => v.GetValue<bool>();

    /// <summary>Upstream value.Compare: numbers &lt; strings &lt; bools &lt; lists &lt; maps &lt; null; ints and floats compare numerically.</summary>
    public static int Compare(JsonNode? l, JsonNode? r)
    {
        var lk = Kind(l);
        var rk = Kind(r);
        if (lk == ValueKind.Float || rk == ValueKind.Float)
        {
            if (lk is ValueKind.Float or ValueKind.Int && rk is ValueKind.Float or ValueKind.Int)
                return Number(l!).CompareTo(Number(r!));
            return lk == ValueKind.Float ? -1 : 1;
        }
        var lr = Rank(lk);
        var rr = Rank(rk);
        if (lr != rr) return lr.CompareTo(rr);
        return lk switch
        {
            ValueKind.Int => AsInt(l!).CompareTo(AsInt(r!)),
            ValueKind.String => Math.Sign(string.CompareOrdinal(AsString(l!), AsString(r!))),
            ValueKind.Bool => AsBool(l!).CompareTo(AsBool(r!)),
            ValueKind.List => CompareLists(l!.AsArray(), r!.AsArray()),
            ValueKind.Map => CompareMaps(l!.AsObject(), r!.AsObject()),
            _ => 0,
        };
    }

    public static bool Equal(JsonNode? l, JsonNode? r) => Compare(l, r) == 0;

    private static double Number(JsonNode v) => Kind(v) == ValueKind.Int ? AsInt(v) : AsFloat(v);

    private static int Rank(ValueKind k) => k switch
    {
        ValueKind.Int or ValueKind.Float => 0,
        ValueKind.String => 1,
        ValueKind.Bool => 2,
        ValueKind.List => 3,
        ValueKind.Map => 4,
        _ => 5,
    };

    private static int CompareLists(JsonArray l, JsonArray r)
    {
        for (var i = 0; ; i++)
        {
            if (i >= l.Count && i >= r.Count) return 0;
            if (i >= l.Count) return -1;
            if (i >= r.Count) return 1;
            var c = Compare(l[i], r[i]);
            if (c != 0) return c;
        }
    }

    // As upstream MapCompare: walk the union of keys in lexical order; the map that lacks a key sorts after.
    private static int CompareMaps(JsonObject l, JsonObject r)
    {
        if (l.Count == 0 && r.Count == 0) return 0;
        var keys = l.Select(p => p.Key).Union(r.Select(p => p.Key)).Order(StringComparer.Ordinal);
        var i = 0;
        foreach (var k in keys)
        {
            int c;
            var inL = l.TryGetPropertyValue(k, out var lv);
            var inR = r.TryGetPropertyValue(k, out var rv);
            if (i == l.Count) c = -1;
            else if (i == r.Count) c = 1;
            else if (!inL) c = 1;
            else if (!inR) c = -1;
            else c = Compare(lv, rv);
            i++;
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Upstream value.ToString: Go's %v for numbers and bools, %q for strings; used in ".spec.ports[port=80,protocol=\"TCP\"]".</summary>
    public static string ToGoString(JsonNode? v) => Kind(v) switch
    {
        ValueKind.Null => "null",
        ValueKind.Int => AsInt(v!).ToString(CultureInfo.InvariantCulture),
        ValueKind.Float => GoJson.FormatFloat(AsFloat(v!)),
        ValueKind.String => GoQuote(AsString(v!)),
        ValueKind.Bool => AsBool(v!) ? "true" : "false",
        ValueKind.List => "[" + string.Join(",", v!.AsArray().Select(ToGoString)) + "]",
        _ => string.Concat(v!.AsObject().Select(p => $"{p.Key}={ToGoString(p.Value)}")),
    };

    /// <summary>Go's strconv.Quote for the common cases: printable text kept, quotes, backslashes and control characters escaped.</summary>
    public static string GoQuote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '\a': b.Append("\\a"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                case '\v': b.Append("\\v"); break;
                default:
                    if (ch < 0x20 || ch == 0x7f) b.Append("\\x").Append(((int)ch).ToString("x2", CultureInfo.InvariantCulture));
                    else b.Append(ch);
                    break;
            }
        }
        return b.Append('"').ToString();
    }
}
