// endpointsliceutil.GetServicesToUpdateOnPodChange: which Services a pod event concerns. A pod change that endpoints
// cannot see (a new annotation, a container restart count) concerns none; a label change concerns the Services that
// selected the pod before and those that select it now.
using Kinet.Controllers.Runtime;
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Model.Endpoints;

namespace Kinet.Controllers.Endpoints;

internal static class PodChanges
{
    public static IReadOnlyCollection<string> ServicesToSync(PodServiceIndex index, WatchEvent e)
    {
        var pod = e.Object;
        var ns = ObjectJson.Namespace(pod);
        if (e.Type != WatchEventType.Modified || e.Old is not { } old) return index.ServicesSelecting(ns, Labels(pod));
        if (ObjectJson.ResourceVersion(old) == ObjectJson.ResourceVersion(pod)) return [];
        var podChanged = EndpointChanged(old, pod);
        var labelsChanged = !JsonNode.DeepEquals(old["metadata"]?["labels"], pod["metadata"]?["labels"])
            || ObjectJson.Str(old["spec"]?["hostname"]) != ObjectJson.Str(pod["spec"]?["hostname"])
            || ObjectJson.Str(old["spec"]?["subdomain"]) != ObjectJson.Str(pod["spec"]?["subdomain"]);
        if (!podChanged && !labelsChanged) return [];
        var now = index.ServicesSelecting(ns, Labels(pod));
        if (!labelsChanged) return now;
        var before = index.ServicesSelecting(ns, Labels(old));
        var result = new HashSet<string>(now, StringComparer.Ordinal);
        if (podChanged) result.UnionWith(before);
        else result.SymmetricExceptWith(before); // only membership moved: the Services it stayed in see no difference
        return result;
    }

    /// <summary>podEndpointsChanged: deletion, readiness, addresses (and, beyond upstream, phase: a finished pod leaves).
    /// The node name is not compared: it is set once, by binding, before the pod has an address.</summary>
    private static bool EndpointChanged(JsonObject old, JsonObject pod) =>
        ObjectJson.Str(old["metadata"]?["deletionTimestamp"]) != ObjectJson.Str(pod["metadata"]?["deletionTimestamp"])
        || PodEndpointRules.IsPodReady(old) != PodEndpointRules.IsPodReady(pod)
        || ObjectJson.Str(old["status"]?["podIP"]) != ObjectJson.Str(pod["status"]?["podIP"])
        || !JsonNode.DeepEquals(old["status"]?["podIPs"], pod["status"]?["podIPs"])
        || ObjectJson.Str(old["status"]?["phase"]) != ObjectJson.Str(pod["status"]?["phase"]);

    private static JsonObject? Labels(JsonObject pod) => pod["metadata"]?["labels"] as JsonObject;
}
