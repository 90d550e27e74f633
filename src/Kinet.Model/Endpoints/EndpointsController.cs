// kube-controller-manager's Endpoints controller (pkg/controller/endpoint) as a pure function: the core/v1 Endpoints
// that `kubectl get endpoints` shows for a Service, built from the selected pods and compared with the current one.
using System.Text.Json.Nodes;
using Kinet.Model.Selectors;
using static Kinet.Model.Endpoints.JsonRead;

namespace Kinet.Model.Endpoints;

public static class EndpointsController
{
    /// <param name="service">The Service.</param>
    /// <param name="pods">Pods of the Service's namespace (the selector is applied here).</param>
    /// <param name="current">The existing Endpoints of the same name, if any.</param>
    /// <param name="triggerTime">When set, the last-change-trigger-time annotation; otherwise the annotation is removed.</param>
    public static EndpointsChange Compute(JsonObject service, IEnumerable<JsonObject> pods, JsonObject? current,
        DateTimeOffset? triggerTime = null)
    {
        // Endpoints of a Service without a selector are written by its users.
        if (PodEndpointRules.SelectorOf(service) is not { } selector) return new(EndpointsAction.None, null);

        var subsets = Subsets(service, selector, pods);
        var overCapacity = EndpointsTruncation.Truncate(subsets);
        var labels = LabelSelector.LabelsOf(Obj(service, "metadata", "labels"))
            .Where(p => p.Key != EndpointSliceLabels.Headless)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        if (current is not null && IsUpToDate(current, subsets, labels, overCapacity))
            return new(EndpointsAction.None, current);

        if (!PodEndpointRules.IsServiceIPSet(service)) labels[EndpointSliceLabels.Headless] = "";
        var desired = current is null ? NewEndpoints(service) : (JsonObject)current.DeepClone();
        var meta = Obj(desired, "metadata")!;
        if (labels.Count > 0) meta["labels"] = StringMap(labels.OrderBy(p => p.Key, StringComparer.Ordinal));
        else meta.Remove("labels");

        var annotations = Obj(meta, "annotations") ?? [];
        if (triggerTime is { } t) annotations[TriggerTime.Annotation] = TriggerTime.Format(t);
        else annotations.Remove(TriggerTime.Annotation);
        if (overCapacity) annotations[EndpointsTruncation.OverCapacityAnnotation] = "truncated";
        else annotations.Remove(EndpointsTruncation.OverCapacityAnnotation);
        if (annotations.Count > 0) meta["annotations"] = annotations;
        else meta.Remove("annotations");

        // No subsets is the `<none>` of kubectl get endpoints: the field is left out, as Go's omitempty does.
        if (subsets.Count > 0) desired["subsets"] = subsets;
        else desired.Remove("subsets");
        return new(current is null ? EndpointsAction.Create : EndpointsAction.Update, desired);
    }

    /// <summary>The repacked subsets: per selected pod that should be an endpoint, its address on every port it resolves.</summary>
    public static JsonArray Subsets(JsonObject service, LabelSelector selector, IEnumerable<JsonObject> pods)
    {
        var ns = Str(service, "metadata", "namespace") ?? "default";
        var publishNotReady = Bool(service, "spec", "publishNotReadyAddresses");
        var servicePorts = Arr(service, "spec", "ports")?.OfType<JsonObject>().ToList() ?? [];
        var entries = new List<SubsetEntry>();
        foreach (var pod in pods)
        {
            if ((Str(pod, "metadata", "namespace") ?? "default") != ns || !selector.Matches(Obj(pod, "metadata", "labels"))) continue;
            // Terminating pods leave Endpoints unless the Service publishes not-ready addresses.
            if (!PodEndpointRules.ShouldPodBeInEndpoints(pod, includeTerminating: publishNotReady)) continue;
            if (PodEndpointRules.IPv4Of(pod) is not { } ip) continue;
            var address = Address(pod, service, ip);
            var ready = publishNotReady || PodEndpointRules.IsPodReady(pod);
            if (servicePorts.Count == 0)
            {
                // Only a headless Service may have no ports; its endpoints then carry none.
                if (Str(service, "spec", "clusterIP") == "None") entries.Add(new(address, null, ready));
                continue;
            }
            foreach (var sp in servicePorts)
            {
                if (PodEndpointRules.FindPort(pod, sp) is not { } number) continue;
                var port = new JsonObject();
                if (Str(sp, "name") is { Length: > 0 } name) port["name"] = name;
                port["port"] = number;
                port["protocol"] = Str(sp, "protocol") ?? "TCP";
                if (Str(sp, "appProtocol") is { } ap) port["appProtocol"] = ap;
                entries.Add(new(address, port, ready));
            }
        }
        return SubsetRepacker.Repack(entries);
    }

    private static JsonObject Address(JsonObject pod, JsonObject service, string ip)
    {
        var a = new JsonObject { ["ip"] = ip };
        if (PodEndpointRules.ShouldSetHostname(pod, service)) a["hostname"] = Str(pod, "spec", "hostname");
        if (Str(pod, "spec", "nodeName") is { Length: > 0 } node) a["nodeName"] = node;
        a["targetRef"] = EndpointSliceFactory.PodRef(pod);
        return a;
    }

    private static JsonObject NewEndpoints(JsonObject service) => new()
    {
        ["kind"] = "Endpoints",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = Str(service, "metadata", "name"),
            ["namespace"] = Str(service, "metadata", "namespace") ?? "default",
        },
    };

    /// <summary>Upstream skips the write when subsets (ignoring targetRef resourceVersion), labels (ignoring the headless
    /// marker) and the over-capacity annotation already agree. It compares before truncating; this compares after,
    /// so an over-capacity Endpoints is not rewritten on every sync.</summary>
    private static bool IsUpToDate(JsonObject current, JsonArray subsets, Dictionary<string, string> labels, bool overCapacity)
    {
        var currentSubsets = (Arr(current, "subsets") ?? []).DeepClone().AsArray();
        foreach (var s in currentSubsets.OfType<JsonObject>())
            foreach (var field in new[] { "addresses", "notReadyAddresses" })
                foreach (var a in Arr(s, field)?.OfType<JsonObject>() ?? [])
                    Obj(a, "targetRef")?.Remove("resourceVersion");
        if (!JsonNode.DeepEquals(currentSubsets, subsets)) return false;
        var currentLabels = LabelSelector.LabelsOf(Obj(current, "metadata", "labels"))
            .Where(p => p.Key != EndpointSliceLabels.Headless).ToList();
        if (currentLabels.Count != labels.Count || currentLabels.Any(p => !labels.TryGetValue(p.Key, out var v) || v != p.Value))
            return false;
        return (Obj(current, "metadata", "annotations")?.ContainsKey(EndpointsTruncation.OverCapacityAnnotation) ?? false) == overCapacity;
    }
}
