// Defaults of the smaller kinds: Namespace, Secret, NetworkPolicy, IngressClass, Endpoints, EndpointSlice, Node.
using System.Text;
using System.Text.Json.Nodes;
using Kinet.Api.Validation;

namespace Kinet.Api.Defaulting;

internal static class OtherDefaults
{
    /// <summary>Every namespace carries its own name as the kubernetes.io/metadata.name label.</summary>
    public static void ApplyNamespace(JsonObject ns)
    {
        if (ns.Child("metadata") is not { } meta || meta.Str("name") is not { Length: > 0 } name) return;
        if (meta.Child("labels") is { } labels) labels["kubernetes.io/metadata.name"] = name;
    }

    /// <summary>type Opaque; stringData is write-only: it is merged into data (base64) and dropped, as the v1 conversion does.</summary>
    public static void ApplySecret(JsonObject secret)
    {
        secret.DefaultString("type", "Opaque");
        if (secret.Obj("stringData") is not { } stringData) return;
        secret.Remove("stringData");
        if (secret.Child("data") is not { } data) return;
        foreach (var (k, v) in stringData)
            data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonRead.AsString(v) ?? ""));
    }

    /// <summary>Ports default to TCP; policyTypes is Ingress, plus Egress when there are egress rules.</summary>
    public static void ApplyNetworkPolicy(JsonObject np)
    {
        if (np.Child("spec") is not { } spec) return;
        foreach (var dir in new[] { "ingress", "egress" })
            foreach (var rule in spec.Items(dir))
                foreach (var port in rule.Items("ports"))
                    port.DefaultString("protocol", "TCP");
        if (spec.Arr("policyTypes").Count() == 0)
        {
            var types = new JsonArray("Ingress");
            if (spec.Arr("egress").Count() > 0) types.Add("Egress");
            spec["policyTypes"] = types;
        }
    }

    public static void ApplyIngressClass(JsonObject ic)
    {
        if (ic.Obj("spec")?.Obj("parameters") is { } p) p.DefaultString("scope", "Cluster");
    }

    public static void ApplyEndpoints(JsonObject ep)
    {
        foreach (var subset in ep.Items("subsets"))
            foreach (var port in subset.Items("ports"))
                port.DefaultString("protocol", "TCP");
    }

    public static void ApplyEndpointSlice(JsonObject slice)
    {
        foreach (var port in slice.Items("ports"))
        {
            port.Default("name", "");
            port.DefaultString("protocol", "TCP");
        }
    }

    /// <summary>A node's allocatable defaults to its capacity.</summary>
    public static void ApplyNode(JsonObject node)
    {
        if (node.Obj("status") is { } status && status.Obj("capacity") is { } capacity && !status.Has("allocatable"))
            status["allocatable"] = capacity.DeepClone();
    }
}
