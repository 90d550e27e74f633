// Entry point of validation: the field errors kube-apiserver 1.32 would report for a create or an update of one object.
// Run it after defaulting (Defaulter.Apply), after a generateName has been turned into a name,
// and, for Services, after cluster IPs are allocated — the order of kube-apiserver's registry store.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Api.Resources;

namespace Kinet.Api.Validation;

public static class Validator
{
    private static readonly Dictionary<(string Group, string Kind), IKindRules> Rules = new()
    {
        [("", "Pod")] = new PodRules(),
        [("", "Service")] = new ServiceRules(),
        [("", "Namespace")] = new NamespaceRules(),
        [("", "ConfigMap")] = new ConfigDataRules(isSecret: false),
        [("", "Secret")] = new ConfigDataRules(isSecret: true),
        [("", "Endpoints")] = new EndpointsRules(),
        [("", "Node")] = new NodeRules(),
        [("", "Event")] = new EventRules(),
        [("", "ServiceAccount")] = new SimpleRules(ObjectMetaRules.DnsSubdomain),
        [("apps", "Deployment")] = new WorkloadRules(isDeployment: true),
        [("apps", "ReplicaSet")] = new WorkloadRules(isDeployment: false),
        [("discovery.k8s.io", "EndpointSlice")] = new EndpointSliceRules(),
        [("networking.k8s.io", "NetworkPolicy")] = new NetworkPolicyRules(),
        [("networking.k8s.io", "Ingress")] = new IngressRules(),
        [("networking.k8s.io", "IngressClass")] = new IngressClassRules(),
        [("coordination.k8s.io", "Lease")] = new LeaseRules(),
    };

    private static readonly IKindRules Fallback = new SimpleRules(ObjectMetaRules.DnsSubdomain);

    /// <summary>Errors for creating obj as resource r; empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> ValidateCreate(ResourceInfo r, JsonObject obj)
    {
        var errs = new ErrorList();
        RulesFor(r).Create(errs, obj, r.Namespaced);
        return errs;
    }

    /// <summary>Errors for replacing oldObj (as stored) by newObj; includes the create-time rules for newObj where upstream does.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(ResourceInfo r, JsonObject newObj, JsonObject oldObj)
    {
        var errs = new ErrorList();
        RulesFor(r).Update(errs, newObj, oldObj, r.Namespaced);
        return errs;
    }

    /// <summary>Errors for a write to the status subresource (after Defaulter.PrepareForStatusUpdate): the metadata update rules.</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(ResourceInfo r, JsonObject newObj, JsonObject oldObj)
    {
        var errs = new ErrorList();
        ObjectMetaRules.ValidateUpdate(errs, newObj, oldObj);
        return errs;
    }

    private static IKindRules RulesFor(ResourceInfo r) => Rules.GetValueOrDefault((r.Group, r.Kind)) ?? Fallback;
}
