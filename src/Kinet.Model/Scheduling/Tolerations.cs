// Taints and tolerations as core/v1 helpers define them: whether a toleration tolerates a taint, and the first taint of
// a node that a pod does not tolerate among the effects a caller cares about.
using System.Text.Json.Nodes;
using Kinet.Model.Workloads;

namespace Kinet.Model.Scheduling;

public sealed record Taint(string Key, string Value, string Effect)
{
    public static Taint From(JsonObject t) =>
        new(JsonRead.Str(t, "key") ?? "", JsonRead.Str(t, "value") ?? "", JsonRead.Str(t, "effect") ?? "");

    public static IReadOnlyList<Taint> Of(JsonObject node) =>
        (JsonRead.At(node, "spec", "taints") as JsonArray)?.OfType<JsonObject>().Select(From).ToArray() ?? [];
}

public static class Tolerations
{
    /// <summary>Toleration.ToleratesTaint: an empty effect matches every effect, an empty key with Exists every key;
    /// Exists ignores the value, Equal (or no operator) compares it.</summary>
    public static bool Tolerates(JsonObject toleration, Taint taint)
    {
        var effect = JsonRead.Str(toleration, "effect") ?? "";
        if (effect.Length > 0 && effect != taint.Effect) return false;
        var key = JsonRead.Str(toleration, "key") ?? "";
        if (key.Length > 0 && key != taint.Key) return false;
        return (JsonRead.Str(toleration, "operator") ?? "Equal") switch
        {
            "Exists" => true,
            "Equal" or "" => (JsonRead.Str(toleration, "value") ?? "") == taint.Value,
            _ => false,
        };
    }

    public static IReadOnlyList<JsonObject> Of(JsonObject pod) =>
        (JsonRead.At(pod, "spec", "tolerations") as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];

    public static bool Tolerated(IReadOnlyList<JsonObject> tolerations, Taint taint) => tolerations.Any(t => Tolerates(t, taint));

    /// <summary>FindMatchingUntoleratedTaint restricted to NoSchedule and NoExecute, the effects that block scheduling
    /// (PreferNoSchedule only lowers a score).</summary>
    public static Taint? FirstUntoleratedForScheduling(IEnumerable<Taint> taints, IReadOnlyList<JsonObject> tolerations) =>
        taints.FirstOrDefault(t => t.Effect is "NoSchedule" or "NoExecute" && !Tolerated(tolerations, t));
}
