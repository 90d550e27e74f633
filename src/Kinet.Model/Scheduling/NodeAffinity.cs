// Whether a node satisfies a pod's spec.nodeSelector and required node affinity (nodeaffinity.GetRequiredNodeAffinity):
// the map must match the node labels, and at least one nodeSelectorTerm must hold; a term ANDs its matchExpressions
// (on labels) and matchFields (on metadata.name), and a term with neither matches nothing.
using System.Text.Json.Nodes;
using Kinet.Model.Selectors;
using Kinet.Model.Workloads;

namespace Kinet.Model.Scheduling;

public static class NodeAffinity
{
    public static bool Matches(JsonObject pod, JsonObject node)
    {
        var labels = LabelSelector.LabelsOf(JsonRead.At(node, "metadata", "labels") as JsonObject);
        if (JsonRead.At(pod, "spec", "nodeSelector") is JsonObject ns && ns.Count > 0 && !LabelSelector.FromMap(ns).Matches(labels))
            return false;
        var required = JsonRead.At(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
        if (required is not JsonObject r) return true;
        var terms = (r["nodeSelectorTerms"] as JsonArray)?.OfType<JsonObject>() ?? [];
        var name = JsonRead.Str(node, "metadata", "name") ?? "";
        return terms.Any(t => TermMatches(t, labels, name));
    }

    private static bool TermMatches(JsonObject term, IReadOnlyDictionary<string, string> labels, string nodeName)
    {
        var exprs = (term["matchExpressions"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
        var fields = (term["matchFields"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
        if (exprs.Length == 0 && fields.Length == 0) return false;
        foreach (var e in exprs)
            if (Requirement(e) is not { } req || !req.Matches(labels)) return false;
        var nameField = new Dictionary<string, string> { ["metadata.name"] = nodeName };
        foreach (var f in fields)
        {
            // Only metadata.name is a valid field, with In/NotIn; anything else never matches (as upstream's error path).
            if (JsonRead.Str(f, "key") != "metadata.name" || Requirement(f) is not { } req
                || req.Operator is not (SelectorOperator.In or SelectorOperator.NotIn) || !req.Matches(nameField))
                return false;
        }
        return true;
    }

    /// <summary>A NodeSelectorRequirement as a label requirement; null when malformed (then the term cannot match).</summary>
    private static Requirement? Requirement(JsonObject e)
    {
        var key = JsonRead.Str(e, "key") ?? "";
        var values = (e["values"] as JsonArray)?.Select(v => (v as JsonValue)?.TryGetValue<string>(out var s) == true ? s : "").ToArray() ?? [];
        SelectorOperator? op = JsonRead.Str(e, "operator") switch
        {
            "In" when values.Length > 0 => SelectorOperator.In,
            "NotIn" when values.Length > 0 => SelectorOperator.NotIn,
            "Exists" when values.Length == 0 => SelectorOperator.Exists,
            "DoesNotExist" when values.Length == 0 => SelectorOperator.DoesNotExist,
            "Gt" when values.Length == 1 && long.TryParse(values[0], out _) => SelectorOperator.GreaterThan,
            "Lt" when values.Length == 1 && long.TryParse(values[0], out _) => SelectorOperator.LessThan,
            _ => null,
        };
        return op is { } o ? new Requirement(key, o, values) : null;
    }
}
