// An object as the garbage collector's graph holds it: identity, the owners its metadata.ownerReferences name, and the
// deletion state that matters to the collector (being deleted; waiting to orphan or to delete its dependents first).
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.GarbageCollection;

/// <summary>One entry of metadata.ownerReferences.</summary>
public sealed record OwnerRef(string Uid, string ApiVersion, string Kind, string Name, bool BlockOwnerDeletion);

/// <summary>An object as the graph knows it: where it is, whom it names as owners, and its deletion state.</summary>
public sealed record GraphNode(string Uid, ResourceRef Resource, string Namespace, string Name, IReadOnlyList<OwnerRef> Owners,
    bool Deleting, bool Orphaning, bool DeletingDependents)
{
    public static GraphNode From(ResourceRef resource, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject;
        var owners = new List<OwnerRef>();
        if (meta?["ownerReferences"] is JsonArray refs)
        {
            foreach (var r in refs.OfType<JsonObject>())
            {
                var uid = Str(r["uid"]);
                if (uid.Length == 0) continue;
                owners.Add(new OwnerRef(uid, Str(r["apiVersion"]), Str(r["kind"]), Str(r["name"]),
                    r["blockOwnerDeletion"] is JsonValue b && b.TryGetValue<bool>(out var block) && block));
            }
        }
        var deleting = meta?["deletionTimestamp"] is not null;
        var finalizers = (meta?["finalizers"] as JsonArray)?.Select(n => Str(n)).ToArray() ?? [];
        return new GraphNode(Str(meta?["uid"]), resource, Str(meta?["namespace"]), Str(meta?["name"]), owners,
            deleting, deleting && finalizers.Contains(GarbageCollector.OrphanFinalizer),
            deleting && finalizers.Contains(GarbageCollector.ForegroundFinalizer));
    }

}
