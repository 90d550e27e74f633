// Strategic merge patch (application/strategic-merge-patch+json) with the semantics of apimachinery's strategicpatch
// (StrategicMergeMapPatch, i.e. MergeParallelList and IgnoreUnmatchedNulls on): lists merged by patchMergeKey, merged
// primitive lists, $patch, $setElementOrder, $retainKeys and $deleteFromPrimitiveList directives, null deletes.
// Fields the schema does not know are merged like JSON merge patch (maps merged, lists replaced).
using System.Text.Json.Nodes;
using Kinet.Api.Resources;
using Kinet.Api.Schema;
using Map = System.Collections.Generic.OrderedDictionary<string, object?>;

namespace Kinet.Api.Patching;

public static class StrategicMergePatch
{
    internal const string PatchDirective = "$patch";
    internal const string RetainKeysDirective = "$retainKeys";
    internal const string SetElementOrderPrefix = "$setElementOrder";
    internal const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";

    /// <summary>Returns original with the patch applied; neither argument is modified.</summary>
    public static JsonObject Apply(ResourceInfo r, JsonObject original, JsonObject patch) =>
        Apply(ApiSchema.For(r), original, patch);

    /// <summary>The same against any schema node (e.g. the autoscaling/v1 Scale of a scale subresource).</summary>
    public static JsonObject Apply(SchemaNode schema, JsonObject original, JsonObject patch)
    {
        var merged = SmpMerger.MergeMap(GoJson.FromObject(original), GoJson.FromObject(patch), schema);
        // Reparsed so that every value is JsonElement-backed, like any parsed JSON ((int)node works on numbers).
        return JsonNode.Parse(GoJson.ToObject(merged).ToJsonString())!.AsObject();
    }

    /// <summary>
    /// The patch as Go's "%+v" prints the decoded patch map (map[spec:map[replicas:3]]): the value kube-apiserver puts
    /// in the 422 "patch: Invalid value" error when the patched object fails to decode.
    /// </summary>
    public static string Describe(JsonObject patch) => GoJson.Format(GoJson.FromObject(patch));

    internal static Map NewMap() => new(StringComparer.Ordinal);
}
