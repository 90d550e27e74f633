// controller.ControllerRefManager (ClaimPods / ClaimReplicaSets): of the objects a controller owns and the orphans in
// its namespace, keep the owned ones its selector still matches, release (drop the owner reference from) owned ones it
// no longer matches, and adopt matching orphans — but only after re-reading the controller live, so a controller that
// was just deleted (or replaced under the same name) never adopts anything.
using Kinet.Controllers.Runtime;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Model.Selectors;

namespace Kinet.Controllers.Workloads;

internal sealed class ControllerRefManager(IObjectClient client, string manager, ResourceRef ownerResource, JsonObject owner,
    string ownerApiVersion, string ownerKind, LabelSelector selector, ResourceRef ownedResource,
    Func<JsonObject, IReadOnlyDictionary<string, string>>? labelsOf = null)
{
    private readonly Func<JsonObject, IReadOnlyDictionary<string, string>> _labelsOf = labelsOf ?? (o => LabelSelector.LabelsOf(ObjectJson.Labels(o)));

    private bool _adoptionChecked;

    /// <summary>The objects the owner keeps (as they are after any adoption), from <paramref name="owned"/> (objects whose
    /// controller is the owner, from an index) and <paramref name="orphans"/> (objects of its namespace without one). Throws after trying every object if any
    /// adoption or release failed for a reason other than the object being gone.</summary>
    public async Task<List<JsonObject>> ClaimAsync(IEnumerable<JsonObject> owned, IEnumerable<JsonObject> orphans, CancellationToken ct)
    {
        var claimed = new List<JsonObject>();
        List<Exception> errors = [];
        var ownerUid = ObjectJson.Uid(owner);
        var ownerDeleting = ObjectJson.IsDeleting(owner);
        foreach (var o in owned)
        {
            if (selector.Matches(_labelsOf(o)))
            {
                claimed.Add(o);
                continue;
            }
            if (ownerDeleting) continue;
            try { await ReleaseAsync(o, ownerUid, ct).ConfigureAwait(false); }
            catch (ObjectNotFoundException) { }
            catch (Exception e) when (e is not OperationCanceledException) { errors.Add(e); }
        }
        if (!ownerDeleting)
        {
            foreach (var o in orphans)
            {
                if (ObjectJson.ControllerOf(o) is not null || ObjectJson.IsDeleting(o) || !selector.Matches(_labelsOf(o))) continue;
                try
                {
                    CheckCanAdopt();
                    claimed.Add(await AdoptAsync(o, ct).ConfigureAwait(false));
                }
                catch (ObjectNotFoundException) { }
                catch (Exception e) when (e is not OperationCanceledException) { errors.Add(e); }
            }
        }
        if (errors.Count > 0) throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        return claimed;
    }

    /// <summary>RecheckDeletionTimestamp: the owner, read live, must still be the same object and not being deleted.</summary>
    private void CheckCanAdopt()
    {
        if (_adoptionChecked) return;
        var ns = ObjectJson.Namespace(owner);
        var name = ObjectJson.Name(owner);
        var fresh = client.Get(ownerResource, ns, name);
        if (fresh is null || ObjectJson.Uid(fresh) != ObjectJson.Uid(owner))
            throw new InvalidOperationException($"original {ns}/{name} is gone: got uid {(fresh is null ? "" : ObjectJson.Uid(fresh))}, wanted {ObjectJson.Uid(owner)}");
        if (ObjectJson.IsDeleting(fresh))
            throw new InvalidOperationException($"{ns}/{name} has just been deleted at {ObjectJson.Str(fresh, "metadata", "deletionTimestamp")}");
        _adoptionChecked = true;
    }

    private Task<JsonObject> AdoptAsync(JsonObject o, CancellationToken ct)
    {
        var copy = o.DeepClone().AsObject();
        var meta = (JsonObject)copy["metadata"]!;
        if (meta["ownerReferences"] is not JsonArray refs) meta["ownerReferences"] = refs = [];
        refs.Add(Kinet.Model.Workloads.NewReplicaSet.ControllerRef(owner, ownerApiVersion, ownerKind));
        return client.UpdateAsync(ownedResource, copy, manager, ct: ct);
    }

    private Task<JsonObject> ReleaseAsync(JsonObject o, string ownerUid, CancellationToken ct)
    {
        var copy = o.DeepClone().AsObject();
        var meta = (JsonObject)copy["metadata"]!;
        if (meta["ownerReferences"] is JsonArray refs)
        {
            foreach (var r in refs.OfType<JsonObject>().Where(r => ObjectJson.Str(r, "uid") == ownerUid).ToArray()) refs.Remove(r);
            if (refs.Count == 0) meta.Remove("ownerReferences");
        }
        return client.UpdateAsync(ownedResource, copy, manager, ct: ct);
    }
}
