// JSON as Go's encoding/json sees it after unmarshalling into interface{} with PreserveInts: ordered maps, lists,
// string, long (integral literals), double, bool, null. The patch algorithms run on this form so that equality
// (80 == 80, but 80 != 80.0), type checks and "%v" messages behave exactly as upstream's.
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kinet.Api.Patching;

internal static class GoJson
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => FromObject(o),
        JsonArray a => a.Select(From).ToList(),
        JsonValue v => FromValue(v),
        _ => throw new ArgumentException("unexpected JSON node"),
    };

    public static OrderedDictionary<string, object?> FromObject(JsonObject o)
    {
        var d = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in o) d[k] = From(v);
        return d;
    }

    // Works for values backed by a JsonElement (parsed) and by a CLR primitive (JsonValue.Create) alike.
    private static object? FromValue(JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String: return v.GetValue<string>();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number:
                var raw = v.ToJsonString();
                return IsIntegralLiteral(raw) && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? (object)l
                    : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            default: return null;
        }
    }

    // Go's PreserveInts keeps a number as int64 only when its literal has no fraction or exponent.
    private static bool IsIntegralLiteral(string raw) => raw.IndexOfAny(['.', 'e', 'E']) < 0;

    public static JsonNode? To(object? value) => value switch
    {
        null => null,
        OrderedDictionary<string, object?> d => ToObject(d),
        List<object?> l => new JsonArray(l.Select(To).ToArray()),
        string s => JsonValue.Create(s),
        long n => JsonValue.Create(n),
        double x => JsonValue.Create(x),
        bool b => JsonValue.Create(b),
        _ => throw new ArgumentException($"unexpected value {value.GetType()}"),
    };

    public static JsonObject ToObject(OrderedDictionary<string, object?> d)
    {
        var o = new JsonObject();
        foreach (var (k, v) in d) o[k] = To(v);
        return o;
    }

    /// <summary>Go's fmt "%v" of the value: map[a:1 b:[x y]] (keys sorted), strings bare, nil as &lt;nil&gt;.</summary>
    public static string Format(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("<nil>"); break;
            case OrderedDictionary<string, object?> d:
                sb.Append("map[");
                var first = true;
                foreach (var k in d.Keys.Order(StringComparer.Ordinal))
                {
                    if (!first) sb.Append(' ');
                    first = false;
                    sb.Append(k).Append(':');
                    Append(sb, d[k]);
                }
                sb.Append(']');
                break;
            case List<object?> l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    Append(sb, l[i]);
                }
                sb.Append(']');
                break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case double x: sb.Append(FormatFloat(x)); break;
            case IFormattable f: sb.Append(f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: sb.Append(value); break;
        }
    }

    // %v of a float64 is strconv 'g' with the shortest digits: exponent form when the exponent is < -4 or >= 6 (1e+06, 1.5e-05).
    internal static string FormatFloat(double x)
    {
        if (x == 0) return "0";
        if (double.IsNaN(x)) return "NaN";
        if (double.IsInfinity(x)) return x > 0 ? "+Inf" : "-Inf";
        var r = Math.Abs(x).ToString("R", CultureInfo.InvariantCulture);
        var e = 0;
        var ei = r.IndexOf('E');
        if (ei >= 0)
        {
            e = int.Parse(r[(ei + 1)..], CultureInfo.InvariantCulture);
            r = r[..ei];
        }
        var dot = r.IndexOf('.');
        var intPart = dot < 0 ? r : r[..dot];
        var digits = (intPart + (dot < 0 ? "" : r[(dot + 1)..])).TrimStart('0');
        var lead = (intPart + (dot < 0 ? "" : r[(dot + 1)..])).Length - digits.Length;
        digits = digits.TrimEnd('0');
        var dp = intPart.Length - lead + e; // decimal point position relative to the first significant digit
        var exp = dp - 1;
        var sign = x < 0 ? "-" : "";
        if (exp < -4 || exp >= 6)
        {
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{m}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        return x.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The Go type name reflect.TypeOf reports for the value ("map[string]interface {}", "[]interface {}", "string", "int64", ...).</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        OrderedDictionary<string, object?> => "map[string]interface {}",
        List<object?> => "[]interface {}",
        string => "string",
        long => "int64",
        double => "float64",
        bool => "bool",
        _ => value.GetType().Name,
    };
}
