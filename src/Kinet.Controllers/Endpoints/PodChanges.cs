// endpointsliceutil.GetServicesToUpdateOnPodChange: which Services a pod event concerns. A pod change that endpoints
// cannot see (a new annotation, a container restart count) concerns none; a label change concerns the Services that
// selected the pod before and those that select it now.
using System.Text.Json.Nodes;
using Kinet.Controllers.Client;
using Kinet.Model.Endpoints;

namespace Kinet.Controllers.Endpoints;

internal static class PodChanges
{
    public static IReadOnlyCollection<string> ServicesToSync(PodServiceIndex index, WatchEvent e)
    {
        var pod = e.Object;
        var ns = ObjectKeys.Namespace(pod);
        if (e.Type != WatchEventType.Modified || e.Old is not { } old) return index.ServicesSelecting(ns, Labels(pod));
        if (ObjectKeys.ResourceVersion(old) == ObjectKeys.ResourceVersion(pod)) return [];
        var podChanged = EndpointChanged(old, pod);
        var labelsChanged = !JsonNode.DeepEquals(old["metadata"]?["labels"], pod["metadata"]?["labels"])
            || ObjectKeys.Str(old["spec"]?["hostname"]) != ObjectKeys.Str(pod["spec"]?["hostname"])
            || ObjectKeys.Str(old["spec"]?["subdomain"]) != ObjectKeys.Str(pod["spec"]?["subdomain"]);
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
        ObjectKeys.Str(old["metadata"]?["deletionTimestamp"]) != ObjectKeys.Str(pod["metadata"]?["deletionTimestamp"])
        || PodEndpointRules.IsPodReady(old) != PodEndpointRules.IsPodReady(pod)
        || ObjectKeys.Str(old["status"]?["podIP"]) != ObjectKeys.Str(pod["status"]?["podIP"])
        || !JsonNode.DeepEquals(old["status"]?["podIPs"], pod["status"]?["podIPs"])
        || ObjectKeys.Str(old["status"]?["phase"]) != ObjectKeys.Str(pod["status"]?["phase"]);

    private static JsonObject? Labels(JsonObject pod) => pod["metadata"]?["labels"] as JsonObject;
}
