// The bridge from client-side to server-side apply for the "kubectl" manager (upstream lastAppliedManager and
// lastAppliedUpdater): conflicts on fields the last-applied annotation still describes are not conflicts, and a
// server-side apply keeps the annotation current when the object has one.
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinet.Api.Schema;

namespace Kinet.Api.Patching.Apply;

internal static class LastApplied
{
    public const string Annotation = "kubectl.kubernetes.io/last-applied-configuration";
    public const string KubectlManager = "kubectl";

    /// <summary>Fields of the annotation whose values the live object still has; null when there is no usable annotation.</summary>
    public static FieldSet? AllowedConflicts(SchemaNode root, JsonObject live, string apiVersion)
    {
        if (Get(live) is not { Length: > 0 } text) return null;
        JsonObject? lastApplied;
        try { lastApplied = JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
        if (lastApplied is null || (lastApplied["apiVersion"] as JsonValue)?.GetValue<string>() != apiVersion) return null;
        if (TypedValidator.Validate(root, lastApplied).Count > 0) return null;
        var set = TypedFieldSet.Of(root, lastApplied);
        var cmp = TypedCompare.Compare(root, lastApplied, live);
        return set.Difference(cmp.Modified).Difference(cmp.Added).Difference(cmp.Removed);
    }

    public static string? Get(JsonObject obj) =>
        obj["metadata"]?["annotations"]?[Annotation] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Rewrites the annotation from the applied configuration, when the object already carries one.</summary>
    public static void Sync(JsonObject obj, JsonObject applied)
    {
        if (Get(obj) is null) return;
        var copy = applied.DeepClone().AsObject();
        // As upstream: an annotations map left empty stays, as {}.
        (copy["metadata"]?["annotations"] as JsonObject)?.Remove(Annotation);
        obj["metadata"]!["annotations"]![Annotation] = GoJson.Write(copy) + "\n";
    }
}
