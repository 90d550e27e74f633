// JSON text as Go's encoding/json writes it (map keys sorted, <, > and & escaped as \u003c...), so that the list-map keys
// and set values inside FieldsV1 ("k:{\"name\":\"c\"}", "v:\"x\"") are byte-for-byte what kube-apiserver stores.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching.Apply;

internal static class GoJson
{
    public static string Write(JsonNode? v)
    {
        var b = new StringBuilder();
        Write(b, v);
        return b.ToString();
    }

    public static void Write(StringBuilder b, JsonNode? v)
    {
        switch (JsonValues.Kind(v))
        {
            case ValueKind.Null: b.Append("null"); break;
            case ValueKind.Bool: b.Append(JsonValues.AsBool(v!) ? "true" : "false"); break;
            case ValueKind.Int: b.Append(JsonValues.AsInt(v!).ToString(CultureInfo.InvariantCulture)); break;
            case ValueKind.Float: b.Append(FormatFloat(JsonValues.AsFloat(v!))); break;
            case ValueKind.String: WriteString(b, JsonValues.AsString(v!)); break;
            case ValueKind.List:
                b.Append('[');
                var first = true;
                foreach (var item in v!.AsArray())
                {
                    if (!first) b.Append(',');
                    first = false;
                    Write(b, item);
                }
                b.Append(']');
                break;
            case ValueKind.Map:
                b.Append('{');
                var firstKey = true;
                foreach (var p in v!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!firstKey) b.Append(',');
                    firstKey = false;
                    WriteString(b, p.Key);
                    b.Append(':');
                    Write(b, p.Value);
                }
                b.Append('}');
                break;
        }
    }

    public static void WriteString(StringBuilder b, string s)
    {
        b.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    b.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture)); break;
                default:
                    if (ch < 0x20) b.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    else b.Append(ch);
                    break;
            }
        }
        b.Append('"');
    }

    /// <summary>Go's float formatting: shortest round-trip digits, exponent form only for very large or small magnitudes.</summary>
    public static string FormatFloat(double d)
    {
        var abs = Math.Abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            var idx = r.IndexOf('E');
            if (idx < 0) return r;
            var mantissa = r[..idx];
            var exp = int.Parse(r[(idx + 1)..], CultureInfo.InvariantCulture);
            return $"{mantissa}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        return d.ToString("R", CultureInfo.InvariantCulture);
    }
}
