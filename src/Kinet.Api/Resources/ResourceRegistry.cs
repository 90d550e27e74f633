// The resources Kinet serves, as kube-apiserver 1.32 declares them (names, short names, categories, subresources).
namespace Kinet.Api.Resources;

public static class ResourceRegistry
{
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] All = ["all"];

    public static readonly IReadOnlyList<ResourceInfo> Resources =
    [
        new() { Group = "", Plural = "namespaces", Singular = "namespace", Kind = "Namespace", Namespaced = false, ShortNames = ["ns"], Subresources = ["status", "finalize"],
                Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] },
        new() { Group = "", Plural = "pods", Singular = "pod", Kind = "Pod", Namespaced = true, ShortNames = ["po"], Categories = All,
                Subresources = ["status", "log", "exec", "attach", "portforward", "binding", "eviction"] },
        new() { Group = "", Plural = "services", Singular = "service", Kind = "Service", Namespaced = true, ShortNames = ["svc"], Categories = All, Subresources = ["status"],
                Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] },
        new() { Group = "", Plural = "endpoints", Singular = "endpoints", Kind = "Endpoints", Namespaced = true, ShortNames = ["ep"] },
        new() { Group = "", Plural = "nodes", Singular = "node", Kind = "Node", Namespaced = false, ShortNames = ["no"], Subresources = ["status"] },
        new() { Group = "", Plural = "configmaps", Singular = "configmap", Kind = "ConfigMap", Namespaced = true, ShortNames = ["cm"] },
        new() { Group = "", Plural = "secrets", Singular = "secret", Kind = "Secret", Namespaced = true },
        new() { Group = "", Plural = "events", Singular = "event", Kind = "Event", Namespaced = true, ShortNames = ["ev"] },
        new() { Group = "", Plural = "serviceaccounts", Singular = "serviceaccount", Kind = "ServiceAccount", Namespaced = true, ShortNames = ["sa"] },
        new() { Group = "apps", Plural = "deployments", Singular = "deployment", Kind = "Deployment", Namespaced = true, ShortNames = ["deploy"], Categories = All,
                Subresources = ["status", "scale"] },
        new() { Group = "apps", Plural = "replicasets", Singular = "replicaset", Kind = "ReplicaSet", Namespaced = true, ShortNames = ["rs"], Categories = All,
                Subresources = ["status", "scale"] },
        new() { Group = "discovery.k8s.io", Plural = "endpointslices", Singular = "endpointslice", Kind = "EndpointSlice", Namespaced = true },
        new() { Group = "networking.k8s.io", Plural = "networkpolicies", Singular = "networkpolicy", Kind = "NetworkPolicy", Namespaced = true, ShortNames = ["netpol"] },
        new() { Group = "networking.k8s.io", Plural = "ingresses", Singular = "ingress", Kind = "Ingress", Namespaced = true, ShortNames = ["ing"], Subresources = ["status"] },
        new() { Group = "networking.k8s.io", Plural = "ingressclasses", Singular = "ingressclass", Kind = "IngressClass", Namespaced = false },
        new() { Group = "coordination.k8s.io", Plural = "leases", Singular = "lease", Kind = "Lease", Namespaced = true },
    ];

    /// <summary>Groups in the order discovery lists them (core first).</summary>
    public static IReadOnlyList<string> Groups { get; } = Resources.Select(r => r.Group).Distinct().ToArray();

    private static readonly Dictionary<(string Group, string Version, string Plural), ResourceInfo> ByPath =
        Resources.ToDictionary(r => (r.Group, r.Version, r.Plural));
    private static readonly Dictionary<(string Group, string Kind), ResourceInfo> ByKind =
        Resources.ToDictionary(r => (r.Group, r.Kind));

    public static ResourceInfo? Find(string group, string version, string plural) =>
        ByPath.GetValueOrDefault((group, version, plural));

    /// <summary>Looks a resource up by apiVersion ("v1", "apps/v1") and kind.</summary>
    public static ResourceInfo? FindByKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return ByKind.TryGetValue((group, kind), out var r) && r.Version == version ? r : null;
    }

    public static ResourceInfo Get(string group, string plural) =>
        Resources.First(r => r.Group == group && r.Plural == plural);
}
