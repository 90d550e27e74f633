// Entry point of defaulting: what kube-apiserver 1.32 fills in when it decodes an object (Apply), and what the
// registry strategies and default admission plugins set on create and update (PrepareForCreate / PrepareForUpdate).
using System.Text.Json.Nodes;
using Kinet.Api.Resources;

namespace Kinet.Api.Defaulting;

public static class Defaulter
{
    /// <summary>
    /// Scheme defaults (pkg/apis/*/v1/defaults.go), applied in place to every object a client sends (create, update, patch result).
    /// Only fills what is absent, so applying twice equals applying once.
    /// </summary>
    public static void Apply(ResourceInfo r, JsonObject obj)
    {
        switch (r.Group, r.Kind)
        {
            case ("", "Pod"): PodDefaults.ApplyPod(obj); break;
            case ("", "Service"): ServiceDefaults.Apply(obj); break;
            case ("", "Namespace"): OtherDefaults.ApplyNamespace(obj); break;
            case ("", "Secret"): OtherDefaults.ApplySecret(obj); break;
            case ("", "Endpoints"): OtherDefaults.ApplyEndpoints(obj); break;
            case ("", "Node"): OtherDefaults.ApplyNode(obj); break;
            case ("apps", "Deployment"): WorkloadDefaults.ApplyDeployment(obj); break;
            case ("apps", "ReplicaSet"): WorkloadDefaults.ApplyReplicaSet(obj); break;
            case ("discovery.k8s.io", "EndpointSlice"): OtherDefaults.ApplyEndpointSlice(obj); break;
            case ("networking.k8s.io", "NetworkPolicy"): OtherDefaults.ApplyNetworkPolicy(obj); break;
            case ("networking.k8s.io", "IngressClass"): OtherDefaults.ApplyIngressClass(obj); break;
        }
    }

    /// <summary>
    /// Create-time strategy and admission effects, after Apply and before validation: status reset (Pod Pending with its
    /// QoS class, Namespace Active, empty Service/Ingress load balancer status), generation 1 for kinds that track it,
    /// the namespace `kubernetes` finalizer, and for Pods the Priority, ServiceAccount (name only) and
    /// DefaultTolerationSeconds admission defaults.
    /// </summary>
    public static void PrepareForCreate(ResourceInfo r, JsonObject obj) => StrategyPrep.ForCreate(r, obj);

    /// <summary>
    /// Update-time strategy effects, after Apply and before validation: status, uid, creationTimestamp and generation come
    /// from the stored object (generation +1 when the spec changed); Services keep their allocated cluster IPs and node
    /// ports when the new object leaves them out; Namespaces keep their spec.finalizers.
    /// </summary>
    public static void PrepareForUpdate(ResourceInfo r, JsonObject newObj, JsonObject oldObj) => StrategyPrep.ForUpdate(r, newObj, oldObj);

    /// <summary>
    /// A write to a status subresource (pods/status, services/status, ...): newObj becomes the stored object with only its
    /// status (and the resourceVersion the client sent, for the conflict check) taken from the request.
    /// </summary>
    public static void PrepareForStatusUpdate(ResourceInfo r, JsonObject newObj, JsonObject oldObj) => StrategyPrep.ForStatusUpdate(newObj, oldObj);
}
