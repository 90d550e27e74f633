// Values printed the way Go's %#v / %q print them in kube-apiserver messages
// (e.g. `map[string]string{"app":"web"}`, `[]string{"a", "b"}`), so our 422s read like upstream's.
using System.Text;
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

/// <summary>A pre-rendered bad value: FieldError prints it as is (not quoted).</summary>
internal sealed record GoRepr(string Text)
{
    public override string ToString() => Text;

    /// <summary>Go strconv.Quote for the ASCII cases that matter here.</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\t': b.Append("\\t"); break;
                case '\r': b.Append("\\r"); break;
                default:
                    if (c < 0x20) b.Append($"\\x{(int)c:x2}"); else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }

    /// <summary>`map[string]string{"a":"b"}` with sorted keys, or `map[string]string(nil)`.</summary>
    public static GoRepr StringMap(JsonObject? m)
    {
        if (m is null) return new("map[string]string(nil)");
        var parts = m.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => Quote(kv.Key) + ":" + Quote(JsonRead.AsString(kv.Value) ?? ""));
        return new("map[string]string{" + string.Join(", ", parts) + "}");
    }

    /// <summary>`[]string{"a", "b"}` or `[]string(nil)`.</summary>
    public static GoRepr StringSlice(JsonArray? a)
    {
        if (a is null || a.Count == 0) return new(a is null ? "[]string(nil)" : "[]string{}");
        return new("[]string{" + string.Join(", ", a.Select(n => Quote(JsonRead.AsString(n) ?? ""))) + "}");
    }

    /// <summary>A metav1.LabelSelector as %#v prints it (what `field is immutable` on spec.selector shows).</summary>
    public static GoRepr LabelSelector(JsonObject? sel)
    {
        var labels = sel.Obj("matchLabels");
        var ml = labels is null || labels.Count == 0 ? "map[string]string(nil)" : StringMap(labels).Text;
        var exprs = sel.Arr("matchExpressions");
        string me;
        if (exprs is null || exprs.Count == 0) me = "[]v1.LabelSelectorRequirement(nil)";
        else
            me = "[]v1.LabelSelectorRequirement{" + string.Join(", ", exprs.Objects().Select(e =>
                $"v1.LabelSelectorRequirement{{Key:{Quote(e.Item.S("key"))}, Operator:{Quote(e.Item.S("operator"))}, Values:{StringSlice(e.Item.Arr("values")).Text}}}")) + "}";
        return new($"v1.LabelSelector{{MatchLabels:{ml}, MatchExpressions:{me}}}");
    }

    /// <summary>An intstr.IntOrString value: its String() has a pointer receiver, so Go prints the struct.</summary>
    public static GoRepr IntOrString(JsonNode? n) => JsonRead.AsString(n) is { } s
        ? new($"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{Quote(s)}}}")
        : new($"intstr.IntOrString{{Type:0, IntVal:{JsonRead.AsLong(n) ?? 0}, StrVal:\"\"}}");
}
