// Labels and label selectors, as apimachinery's meta/v1 validation checks them.
using System.Text.Json.Nodes;

namespace Kinet.Api.Validation;

internal static class LabelRules
{
    public static void ValidateLabelName(ErrorList errs, string path, string key) => errs.InvalidEach(path, key, NameFormats.IsQualifiedName(key));

    /// <summary>Every key and value of a map[string]string label set; errors carry the map's own path, as upstream.</summary>
    public static void ValidateLabels(ErrorList errs, string path, JsonObject? labels)
    {
        if (labels is null) return;
        foreach (var (k, v) in labels)
        {
            ValidateLabelName(errs, path, k);
            errs.InvalidEach(path, JsonRead.AsString(v) ?? "", NameFormats.IsValidLabelValue(JsonRead.AsString(v) ?? ""));
        }
    }

    public static void ValidateLabelSelector(ErrorList errs, string path, JsonObject? selector)
    {
        if (selector is null) return;
        ValidateLabels(errs, path + ".matchLabels", selector.Obj("matchLabels"));
        foreach (var (i, expr) in selector.Arr("matchExpressions").Objects())
        {
            var p = $"{path}.matchExpressions[{i}]";
            var op = expr.S("operator");
            var values = expr.Arr("values");
            switch (op)
            {
                case "In" or "NotIn":
                    if (values.Count() == 0) errs.Required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case "Exists" or "DoesNotExist":
                    if (values.Count() > 0) errs.Forbidden(p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                default:
                    errs.Invalid(p + ".operator", op, "not a valid selector operator");
                    break;
            }
            ValidateLabelName(errs, p + ".key", expr.S("key"));
            foreach (var (vi, v) in values.Strings())
                errs.InvalidEach($"{p}.values[{vi}]", v, NameFormats.IsValidLabelValue(v));
        }
    }

    /// <summary>True when the selector has neither matchLabels nor matchExpressions (it selects everything).</summary>
    public static bool IsEmpty(JsonObject? selector) => selector.Obj("matchLabels").Count() + selector.Arr("matchExpressions").Count() == 0;

    /// <summary>Whether a label set satisfies a LabelSelector (used for "selector does not match template labels").</summary>
    /// <summary>Whether a metav1.LabelSelector selects these labels: the one implementation in Kinet.Model.</summary>
    public static bool Matches(JsonObject? selector, JsonObject? labels)
    {
        try { return Kinet.Model.Selectors.LabelSelector.FromLabelSelector(selector).Matches(labels); }
        catch (FormatException) { return false; }
    }
}
