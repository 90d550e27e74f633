// Which printer formats which resource; resources without one get kube-apiserver's default Name / Created At table.
using Kinet.Api.Resources;

namespace Kinet.Api.Tables;

internal static class Printers
{
    private static readonly DefaultPrinter Default = new();

    private static readonly Dictionary<(string Group, string Plural), ResourcePrinter> ByResource = new()
    {
        [("", "pods")] = new PodPrinter(),
        [("", "services")] = new ServicePrinter(),
        [("", "endpoints")] = new EndpointsPrinter(),
        [("", "nodes")] = new NodePrinter(),
        [("", "namespaces")] = new NamespacePrinter(),
        [("", "events")] = new EventPrinter(),
        [("", "configmaps")] = new ConfigMapPrinter(),
        [("", "secrets")] = new SecretPrinter(),
        [("", "serviceaccounts")] = new ServiceAccountPrinter(),
        [("apps", "deployments")] = new DeploymentPrinter(),
        [("apps", "replicasets")] = new ReplicaSetPrinter(),
        [("discovery.k8s.io", "endpointslices")] = new EndpointSlicePrinter(),
        [("networking.k8s.io", "networkpolicies")] = new NetworkPolicyPrinter(),
        [("networking.k8s.io", "ingresses")] = new IngressPrinter(),
        [("networking.k8s.io", "ingressclasses")] = new IngressClassPrinter(),
        [("coordination.k8s.io", "leases")] = new LeasePrinter(),
    };

    public static ResourcePrinter For(ResourceInfo r) => ByResource.GetValueOrDefault((r.Group, r.Plural), Default);

    /// <summary>Whether the resource has its own printer (false means the default table).</summary>
    public static bool HasPrinter(ResourceInfo r) => ByResource.ContainsKey((r.Group, r.Plural));
}
