// Label maps and label selectors as text, the way apimachinery's labels.FormatLabels and metav1.FormatLabelSelector print them.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal static class LabelFormat
{
    /// <summary>labels.FormatLabels: "a=1,b=2" with keys sorted, "&lt;none&gt;" when empty.</summary>
    public static string Labels(JsonObject? labels)
    {
        var text = string.Join(",", Pairs(labels).Select(p => $"{p.Key}={p.Value}"));
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>metav1.FormatLabelSelector: the selector's string, "&lt;none&gt;" when it selects everything or nothing.</summary>
    public static string Selector(JsonObject? selector)
    {
        var text = SelectorString(selector);
        return text is null ? "<error>" : text.Length == 0 ? "<none>" : text;
    }

    /// <summary>
    /// LabelSelectorAsSelector(...).String(): requirements sorted by key ("app=x,tier in (a,b),!legacy"),
    /// "" for a nil or empty selector, null when an expression is invalid.
    /// </summary>
    public static string? SelectorString(JsonObject? selector)
    {
        if (selector is null) return "";
        var requirements = new List<(string Key, string Text)>();
        foreach (var (key, value) in Pairs(Json.Obj(selector, "matchLabels")))
            requirements.Add((key, $"{key}={value}"));
        foreach (var expr in Json.Arr(selector, "matchExpressions"))
        {
            var key = Json.Str(expr, "key");
            var values = Json.Strings(expr, "values").Order(StringComparer.Ordinal).ToList();
            string? text = Json.Str(expr, "operator") switch
            {
                "In" when values.Count > 0 => $"{key} in ({string.Join(",", values)})",
                "NotIn" when values.Count > 0 => $"{key} notin ({string.Join(",", values)})",
                "Exists" when values.Count == 0 => key,
                "DoesNotExist" when values.Count == 0 => "!" + key,
                _ => null,
            };
            if (text is null) return null;
            requirements.Add((key, text));
        }
        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    private static IEnumerable<(string Key, string Value)> Pairs(JsonObject? map) =>
        (map ?? []).Select(p => (p.Key, Json.Text(p.Value) ?? ""))
            .OrderBy(p => p.Key, StringComparer.Ordinal);
}
