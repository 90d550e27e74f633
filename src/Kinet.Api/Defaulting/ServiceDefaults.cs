// Service defaults (SetDefaults_Service) plus the IP family fields the allocator fills in on a single-stack IPv4 cluster.
using System.Text.Json.Nodes;
using Kinet.Api.Validation;

namespace Kinet.Api.Defaulting;

internal static class ServiceDefaults
{
    public static void Apply(JsonObject svc)
    {
        if (svc.Child("spec") is not { } spec) return;
        spec.DefaultString("sessionAffinity", "None");
        if (spec.S("sessionAffinity") == "None") spec.Remove("sessionAffinityConfig");
        if (spec.S("sessionAffinity") == "ClientIP" && spec.Obj("sessionAffinityConfig")?.Obj("clientIP")?.Has("timeoutSeconds") != true)
            spec["sessionAffinityConfig"] = new JsonObject { ["clientIP"] = new JsonObject { ["timeoutSeconds"] = 10800 } };
        spec.DefaultString("type", "ClusterIP");
        var type = spec.S("type");

        foreach (var port in spec.Items("ports"))
        {
            port.DefaultString("protocol", "TCP");
            var target = port["targetPort"];
            var unset = target is null || JsonRead.AsLong(target) == 0 || JsonRead.AsString(target) == "";
            if (unset && port.Int("port") is { } number) port["targetPort"] = number;
        }

        var externallyAccessible = type is "LoadBalancer" or "NodePort" || (type == "ClusterIP" && spec.Arr("externalIPs").Count() > 0);
        if (externallyAccessible) spec.DefaultString("externalTrafficPolicy", "Cluster");
        if (type is "NodePort" or "LoadBalancer" or "ClusterIP") spec.Default("internalTrafficPolicy", "Cluster");
        if (type == "LoadBalancer") spec.Default("allocateLoadBalancerNodePorts", true);

        // clusterIP and clusterIPs are one field in two shapes; keep them in step (the strategy's normalizeClusterIPs).
        if (spec.S("clusterIP").Length > 0 && spec.Arr("clusterIPs").Count() == 0) spec["clusterIPs"] = new JsonArray(spec.S("clusterIP"));
        else if (spec.S("clusterIP").Length == 0 && spec.Arr("clusterIPs") is { Count: > 0 } ips && JsonRead.AsString(ips[0]) is { } first) spec["clusterIP"] = first;

        if (type != "ExternalName")
        {
            var headlessWithoutSelector = spec.S("clusterIP") == "None" && spec.Obj("selector").Count() == 0;
            spec.DefaultString("ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
            if (spec.Arr("ipFamilies").Count() == 0) spec["ipFamilies"] = new JsonArray("IPv4");
        }
    }
}
