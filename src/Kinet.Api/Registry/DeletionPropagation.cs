// Deletion propagation as kube-apiserver decides it on DELETE: the request's propagationPolicy is validated
// (ValidateDeleteOptions) and turned into the garbage collector's finalizers, `orphan` or `foregroundDeletion`
// (the generic store's deletionFinalizersForGarbageCollection, shouldOrphanDependents, shouldDeleteDependents; the
// namespace store's shouldHaveOrphanFinalizer / shouldHaveDeleteDependentsFinalizer). Background adds neither: the
// object goes at once and the garbage collector deletes its dependents afterwards.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Registry;

public static class DeletionPropagation
{
    public const string Orphan = "Orphan";
    public const string Background = "Background";
    public const string Foreground = "Foreground";

    /// <summary>metav1.FinalizerOrphanDependents: the garbage collector strips ownerReferences to the object, then removes it.</summary>
    public const string OrphanFinalizer = "orphan";

    /// <summary>metav1.FinalizerDeleteDependents: the garbage collector deletes the dependents first, then removes it.</summary>
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>ValidateDeleteOptions: 422 on the DeleteOptions kind for a policy that is none of the three.</summary>
    public static void Validate(DeleteOptions o)
    {
        if (o.PropagationPolicy is { } p && p is not (Foreground or Background or Orphan))
            throw ApiException.Invalid("meta.k8s.io", "DeleteOptions", "",
            [
                new FieldError(FieldErrorType.NotSupported, "propagationPolicy",
                    $"supported values: \"{Foreground}\", \"{Background}\", \"{Orphan}\", \"nil\"", p),
            ]);
    }

    /// <summary>
    /// The resource's DefaultGarbageCollectionPolicy is OrphanDependents: kept by upstream for backwards compatibility on
    /// core/v1 ReplicationControllers and batch/v1 Jobs only; every other resource (apps/v1 included) defaults to
    /// deleting dependents in the background.
    /// </summary>
    public static bool DefaultsToOrphan(ResourceInfo r) =>
        (r.Group, r.Plural) is ("", "replicationcontrollers") or ("batch", "jobs");

    /// <summary>
    /// The finalizers the object should have after this delete, or null when they stay as they are. The policy of the
    /// request wins; without one an `orphan`/`foregroundDeletion` finalizer already there stays, else the resource default.
    /// </summary>
    public static IReadOnlyList<string>? FinalizersAfterDelete(ResourceInfo r, JsonObject obj, DeleteOptions o)
    {
        var current = Meta.Finalizers(obj);
        bool orphan, foreground;
        if (r.Group.Length == 0 && r.Plural == "namespaces")
        {
            // The namespace store has no default policy: the request's, else what the namespace already has.
            orphan = o.PropagationPolicy is { } p ? p == Orphan : current.Contains(OrphanFinalizer);
            foreground = o.PropagationPolicy is { } q ? q == Foreground : current.Contains(ForegroundFinalizer);
        }
        else
        {
            var existing = current.FirstOrDefault(f => f is OrphanFinalizer or ForegroundFinalizer);
            orphan = o.PropagationPolicy is { } p ? p == Orphan : existing is not null ? existing == OrphanFinalizer : DefaultsToOrphan(r);
            foreground = o.PropagationPolicy is { } q ? q == Foreground : existing == ForegroundFinalizer;
        }
        var next = current.Where(f => f is not (OrphanFinalizer or ForegroundFinalizer)).ToList();
        if (orphan) next.Add(OrphanFinalizer);
        if (foreground) next.Add(ForegroundFinalizer);
        return next.ToHashSet(StringComparer.Ordinal).SetEquals(current) ? null : next;
    }

    /// <summary>Writes <paramref name="finalizers"/> into the object; an empty list is omitted, as Go's omitempty does.</summary>
    public static void SetFinalizers(JsonObject obj, IReadOnlyList<string> finalizers)
    {
        var meta = Meta.Metadata(obj);
        if (finalizers.Count == 0) meta.Remove("finalizers");
        else meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
    }
}
