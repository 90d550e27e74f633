// What every namespace holds on a kubeadm/kind cluster: the `default` ServiceAccount (serviceaccount controller) and the
// `kube-root-ca.crt` ConfigMap with the cluster CA (root-ca-cert-publisher), with upstream's names and annotation.
using System.Text.Json.Nodes;
using Kinet.Controllers.Runtime;

namespace Kinet.Controllers.ServiceAccounts;

public static class NamespaceDefaults
{
    public const string RootCaConfigMap = "kube-root-ca.crt";

    public const string RootCaDescription = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

    public static PerNamespaceObjectController ServiceAccounts(ControllerContext ctx) =>
        new(ctx, Resources.ServiceAccounts, "default", "kube-controller-manager", ns => new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
        });

    public static PerNamespaceObjectController RootCa(ControllerContext ctx, string caPem) =>
        new(ctx, Resources.ConfigMaps, RootCaConfigMap, "kube-controller-manager", ns => new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = RootCaConfigMap,
                ["namespace"] = ns,
                ["annotations"] = new JsonObject { ["kubernetes.io/description"] = RootCaDescription },
            },
            ["data"] = new JsonObject { ["ca.crt"] = caPem },
        }, (have, want) => JsonNode.DeepEquals(have["data"], want["data"]));
}
