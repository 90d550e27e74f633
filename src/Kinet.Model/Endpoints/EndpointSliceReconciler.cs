// kube-controller-manager's EndpointSlice reconciler as a pure function: Service + its namespace's pods + nodes +
// the Service's existing slices → creates, updates and deletes. It follows upstream's churn-minimising order:
// keep endpoints in the slice they are in, fill slices already being updated, then fit the rest into the
// closest-fitting unchanged slice, and only then create; creates that pair with deletes become updates.
using System.Text.Json.Nodes;
using static Kinet.Model.Endpoints.JsonRead;

namespace Kinet.Model.Endpoints;

public sealed class EndpointSliceReconciler(Func<string, string>? nameGenerator = null, int maxEndpointsPerSlice = 100)
{
    public const string AddressType = "IPv4";

    private readonly Func<string, string> _generateName = nameGenerator ?? SliceNameGenerator.Random;

    public int MaxEndpointsPerSlice { get; } = maxEndpointsPerSlice > 0 ? maxEndpointsPerSlice
        : throw new ArgumentOutOfRangeException(nameof(maxEndpointsPerSlice));

    /// <param name="service">The Service.</param>
    /// <param name="pods">Pods of the Service's namespace (the selector is applied here).</param>
    /// <param name="nodes">Known nodes, for zones; a pod whose node is unknown is left out, as upstream does.</param>
    /// <param name="existingSlices">Slices of the Service; only those managed by this controller are considered.</param>
    /// <param name="triggerTime">When set, written as the last-change-trigger-time annotation on created and updated slices.</param>
    public EndpointSliceChanges Reconcile(JsonObject service, IEnumerable<JsonObject> pods, IEnumerable<JsonObject> nodes,
        IEnumerable<JsonObject> existingSlices, DateTimeOffset? triggerTime = null)
    {
        var svcName = Str(service, "metadata", "name") ?? "";
        var managed = existingSlices.Where(s => EndpointSliceLabels.IsManagedFor(s, svcName)).ToList();
        // Services without a selector get their slices from their users, not from this controller.
        if (PodEndpointRules.SelectorOf(service) is not { } selector) return EndpointSliceChanges.None with { Desired = managed };

        // Slices of another address type (IPv6, the old "IP") go; slices owned by an earlier Service of the same name too.
        var otherTypes = managed.Where(s => Str(s, "addressType") != AddressType).ToList();
        var ofThisType = managed.Where(s => Str(s, "addressType") == AddressType).ToList();
        var toDelete = new List<JsonObject>();
        var existingByPorts = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var slice in ofThisType)
        {
            if (!OwnedBy(slice, service)) { toDelete.Add(slice); continue; }
            var key = EndpointSliceFactory.PortMapKey(Arr(slice, "ports"));
            if (!existingByPorts.TryGetValue(key, out var list)) existingByPorts[key] = list = [];
            list.Add(slice);
        }

        var (desired, portsByKey, unknownNodes) = DesiredEndpoints(service, selector, pods, nodes);

        var toCreate = new List<JsonObject>();
        var toUpdate = new List<JsonObject>();
        foreach (var (key, set) in desired)
        {
            var (c, u, d) = ReconcilePortMapping(service, existingByPorts.GetValueOrDefault(key) ?? [], set, portsByKey[key]);
            toCreate.AddRange(c);
            toUpdate.AddRange(u);
            toDelete.AddRange(d);
        }
        foreach (var (key, slices) in existingByPorts)
            if (!desired.ContainsKey(key)) toDelete.AddRange(slices);

        // A Service with no endpoints still gets one empty placeholder slice; an equal one is kept, not recreated.
        if (ofThisType.Count == toDelete.Count && toCreate.Count == 0)
        {
            var placeholder = EndpointSliceFactory.NewSlice(service, []);
            if (toDelete.Count == 1 && IsEqualPlaceholder(toDelete[0], placeholder)) toDelete.Clear();
            else toCreate.Add(placeholder);
        }
        toDelete.AddRange(otherTypes);

        return Finalize(service, managed, toCreate, toUpdate, toDelete, triggerTime, unknownNodes);
    }

    private (Dictionary<string, OrderedDictionary<string, JsonObject>> Sets, Dictionary<string, JsonArray> Ports, List<string> UnknownNodes)
        DesiredEndpoints(JsonObject service, Selectors.LabelSelector selector, IEnumerable<JsonObject> pods, IEnumerable<JsonObject> nodes)
    {
        var nodesByName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var n in nodes) nodesByName[Str(n, "metadata", "name") ?? ""] = n;
        var sets = new Dictionary<string, OrderedDictionary<string, JsonObject>>(StringComparer.Ordinal);
        var ports = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var ns = Str(service, "metadata", "namespace") ?? "default";
        var publishNotReady = Bool(service, "spec", "publishNotReadyAddresses");
        var selected = pods
            .Where(p => (Str(p, "metadata", "namespace") ?? "default") == ns && selector.Matches(Obj(p, "metadata", "labels")))
            .OrderBy(p => Str(p, "metadata", "name"), StringComparer.Ordinal);
        foreach (var pod in selected)
        {
            // The slice controller always includes terminating pods; their conditions say what they are.
            if (!PodEndpointRules.ShouldPodBeInEndpoints(pod, includeTerminating: true)) continue;
            var endpointPorts = EndpointSliceFactory.EndpointPorts(service, pod);
            var key = EndpointSliceFactory.PortMapKey(endpointPorts);
            if (!sets.TryGetValue(key, out var set)) { sets[key] = set = new(StringComparer.Ordinal); ports[key] = endpointPorts; }
            // A pod whose node is unknown is left out for now (the caller retries), unless the Service publishes
            // not-ready addresses: then the user asked for the address regardless.
            if (!nodesByName.TryGetValue(Str(pod, "spec", "nodeName") ?? "", out var node))
            {
                if (!publishNotReady) { unknown.Add(Str(pod, "metadata", "name") ?? ""); continue; }
            }
            var ep = EndpointSliceFactory.PodToEndpoint(pod, node, service);
            if (Arr(ep, "addresses")!.Count > 0) set[EndpointSliceFactory.EndpointKey(ep)] = ep;
        }
        return (sets, ports, unknown);
    }

    private (List<JsonObject> Create, List<JsonObject> Update, List<JsonObject> Delete) ReconcilePortMapping(
        JsonObject service, List<JsonObject> existing, OrderedDictionary<string, JsonObject> desired, JsonArray ports)
    {
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var unchanged = new List<string>();
        var toUpdate = new List<string>();
        var toDelete = new List<string>();

        // 1. Keep desired endpoints where they already are; drop the ones no longer desired.
        foreach (var slice in existing)
        {
            var name = Str(slice, "metadata", "name") ?? "";
            byName[name] = slice;
            var kept = new JsonArray();
            var endpointUpdated = false;
            var existingEndpoints = Arr(slice, "endpoints")?.OfType<JsonObject>().ToList() ?? [];
            foreach (var ep in existingEndpoints)
            {
                var key = EndpointSliceFactory.EndpointKey(ep);
                if (!desired.Remove(key, out var want)) continue;
                kept.Add(want);
                if (!JsonNode.DeepEquals(want, ep)) endpointUpdated = true;
            }
            var (labels, labelsChanged) = EndpointSliceLabels.For(slice, service);
            if (endpointUpdated || existingEndpoints.Count != kept.Count)
            {
                if (kept.Count == 0) { toDelete.Add(name); continue; }
                var copy = WithLabels(slice, labels);
                copy["endpoints"] = kept;
                byName[name] = copy;
                toUpdate.Add(name);
            }
            else if (labelsChanged)
            {
                byName[name] = WithLabels(slice, labels);
                toUpdate.Add(name);
            }
            else unchanged.Add(name);
        }

        // 2. Fill the slices that are being written anyway, fullest first.
        if (desired.Count > 0)
            foreach (var name in toUpdate.OrderByDescending(n => Count(byName[n])).ToList())
                Fill(byName[name], desired);

        // 3. Fit what remains into the closest-fitting unchanged slice, or new slices.
        var toCreate = new List<JsonObject>();
        while (desired.Count > 0)
        {
            JsonObject? target = null;
            if (desired.Count < MaxEndpointsPerSlice && unchanged.Count > 0)
            {
                var best = ClosestFit(unchanged.Select(n => byName[n]), desired.Count);
                if (best is not null)
                {
                    var name = Str(best, "metadata", "name") ?? "";
                    target = (JsonObject)best.DeepClone();
                    byName[name] = target;
                    unchanged.Remove(name);
                    toUpdate.Add(name);
                }
            }
            if (target is null)
            {
                target = EndpointSliceFactory.NewSlice(service, (JsonArray)ports.DeepClone());
                toCreate.Add(target);
            }
            Fill(target, desired);
        }
        return (toCreate, toUpdate.Select(n => byName[n]).ToList(), toDelete.Select(n => byName[n]).ToList());
    }

    private void Fill(JsonObject slice, OrderedDictionary<string, JsonObject> desired)
    {
        if (slice["endpoints"] is not JsonArray eps) slice["endpoints"] = eps = [];
        while (desired.Count > 0 && eps.Count < MaxEndpointsPerSlice)
        {
            var (key, ep) = (desired.GetAt(0).Key, desired.GetAt(0).Value);
            desired.Remove(key);
            eps.Add(ep);
        }
    }

    /// <summary>getSliceToFill: the slice with the least room left that still takes all <paramref name="count"/> endpoints.</summary>
    private JsonObject? ClosestFit(IEnumerable<JsonObject> slices, int count)
    {
        var closestDiff = MaxEndpointsPerSlice;
        JsonObject? closest = null;
        foreach (var s in slices)
        {
            var diff = MaxEndpointsPerSlice - (count + Count(s));
            if (diff >= 0 && diff < closestDiff)
            {
                (closestDiff, closest) = (diff, s);
                if (diff == 0) break;
            }
        }
        return closest;
    }

    /// <summary>finalize: pair creates with deletes of this Service's slices (same address type) as updates, stamp the trigger time.</summary>
    private EndpointSliceChanges Finalize(JsonObject service, List<JsonObject> managed, List<JsonObject> toCreate,
        List<JsonObject> toUpdate, List<JsonObject> toDelete, DateTimeOffset? triggerTime, List<string> unknownNodes)
    {
        for (var i = 0; i < toDelete.Count && toCreate.Count > 0;)
        {
            var victim = toDelete[i];
            var fresh = toCreate[^1];
            if (Str(victim, "addressType") == Str(fresh, "addressType") && OwnedBy(victim, service))
            {
                Obj(fresh, "metadata")!["name"] = Str(victim, "metadata", "name");
                toCreate.RemoveAt(toCreate.Count - 1);
                toUpdate.Add(fresh);
                toDelete.RemoveAt(i);
            }
            else i++;
        }
        // Upstream creates nothing for a Service that is being deleted.
        if (Str(service, "metadata", "deletionTimestamp") is { Length: > 0 }) toCreate.Clear();
        foreach (var s in toCreate)
            Obj(s, "metadata")!["name"] = _generateName(Str(s, "metadata", "generateName") ?? "");
        foreach (var s in toCreate.Concat(toUpdate)) StampTriggerTime(s, triggerTime);

        var written = toUpdate.Select(s => Str(s, "metadata", "name")).ToHashSet(StringComparer.Ordinal);
        var desired = managed.Where(s => !toDelete.Contains(s) && !written.Contains(Str(s, "metadata", "name")))
            .Concat(toUpdate).Concat(toCreate).ToList();
        return new EndpointSliceChanges(toCreate, toUpdate, toDelete, desired, unknownNodes);
    }

    private static void StampTriggerTime(JsonObject slice, DateTimeOffset? triggerTime)
    {
        var meta = Obj(slice, "metadata")!;
        var annotations = Obj(meta, "annotations");
        if (triggerTime is { } t)
        {
            if (annotations is null) meta["annotations"] = annotations = [];
            annotations[TriggerTime.Annotation] = TriggerTime.Format(t);
        }
        else
        {
            annotations?.Remove(TriggerTime.Annotation);
            if (annotations is { Count: 0 }) meta.Remove("annotations");
        }
    }

    private static JsonObject WithLabels(JsonObject slice, Dictionary<string, string> labels)
    {
        var copy = (JsonObject)slice.DeepClone();
        Obj(copy, "metadata")!["labels"] = StringMap(labels.OrderBy(p => p.Key, StringComparer.Ordinal));
        return copy;
    }

    private static int Count(JsonObject slice) => Arr(slice, "endpoints")?.Count ?? 0;

    /// <summary>ownedBy: an ownerReference to this Service (v1 Service with its uid).</summary>
    private static bool OwnedBy(JsonObject slice, JsonObject service) =>
        Arr(slice, "metadata", "ownerReferences")?.OfType<JsonObject>().Any(o =>
            Str(o, "kind") == "Service" && Str(o, "apiVersion") == "v1"
            && (Str(o, "uid") ?? "") == (Str(service, "metadata", "uid") ?? "")) ?? false;

    /// <summary>placeholderSliceCompare: same namespace, labels, address type, and no endpoints or ports on either.</summary>
    private static bool IsEqualPlaceholder(JsonObject existing, JsonObject placeholder)
    {
        var a = Selectors.LabelSelector.LabelsOf(Obj(existing, "metadata", "labels"));
        var b = Selectors.LabelSelector.LabelsOf(Obj(placeholder, "metadata", "labels"));
        return Str(existing, "metadata", "namespace") == Str(placeholder, "metadata", "namespace")
            && a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value)
            && Str(existing, "addressType") == Str(placeholder, "addressType")
            && Count(existing) == 0 && (Arr(existing, "ports")?.Count ?? 0) == 0;
    }
}
