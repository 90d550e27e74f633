// What kube-apiserver compares a created object against: the kind's Go zero value as JSON. Its non-pointer structs
// (metadata, spec, a Deployment's template) already exist, so a creator owns their fields but not the structs
// themselves, which is why created objects show "f:spec":{...} without ".":{}. Lists without omitempty are null.
using System.Text.Json.Nodes;
using Kinet.Api.Resources;

namespace Kinet.Api.Patching.Apply;

internal static class ZeroObjects
{
    private const string Meta = "\"metadata\":{\"creationTimestamp\":null}";
    private const string PodTemplate = "\"template\":{" + Meta + ",\"spec\":{\"containers\":null}}";

    private static readonly Dictionary<(string Group, string Kind), string> ByKind = new()
    {
        [("", "Pod")] = "{" + Meta + ",\"spec\":{\"containers\":null},\"status\":{}}",
        [("", "Service")] = "{" + Meta + ",\"spec\":{},\"status\":{\"loadBalancer\":{}}}",
        [("", "Namespace")] = "{" + Meta + ",\"spec\":{},\"status\":{}}",
        [("", "Node")] = "{" + Meta + ",\"spec\":{},\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":0}},\"nodeInfo\":{}}}",
        [("", "Event")] = "{" + Meta + ",\"involvedObject\":{},\"source\":{},\"firstTimestamp\":null,\"lastTimestamp\":null,\"eventTime\":null,\"reportingComponent\":\"\",\"reportingInstance\":\"\"}",
        [("apps", "Deployment")] = "{" + Meta + ",\"spec\":{\"selector\":null," + PodTemplate + ",\"strategy\":{}},\"status\":{}}",
        [("apps", "ReplicaSet")] = "{" + Meta + ",\"spec\":{\"selector\":null," + PodTemplate + "},\"status\":{}}",
        [("discovery.k8s.io", "EndpointSlice")] = "{" + Meta + ",\"addressType\":\"\",\"endpoints\":null}",
        [("networking.k8s.io", "NetworkPolicy")] = "{" + Meta + ",\"spec\":{\"podSelector\":{}}}",
        [("networking.k8s.io", "Ingress")] = "{" + Meta + ",\"spec\":{},\"status\":{\"loadBalancer\":{}}}",
        [("networking.k8s.io", "IngressClass")] = "{" + Meta + ",\"spec\":{}}",
        [("coordination.k8s.io", "Lease")] = "{" + Meta + ",\"spec\":{}}",
    };

    public static JsonObject For(ResourceInfo r) =>
        JsonNode.Parse(ByKind.GetValueOrDefault((r.Group, r.Kind)) ?? "{" + Meta + "}")!.AsObject();
}
