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
            spec["sessionAffinityConfig"] = new JsonObject { ["clientIP"] = new JsonObject { ["timeoutSeconds"] = JsonWrite.Num(10800) } };
        spec.DefaultString("type", "ClusterIP");
        var type = spec.S("type");

        foreach (var port in spec.Items("ports"))
        {
            port.DefaultString("protocol", "TCP");
            var target = port["targetPort"];
            var unset = target is null || JsonRead.AsLong(target) == 0 || JsonRead.AsString(target) == "";
            if (unset && port.Int("port") is { } number) port["targetPort"] = JsonWrite.Num(number);
        }

        var externallyAccessible = type is "LoadBalancer" or "NodePort" || (type == "ClusterIP" && spec.Arr("externalIPs").Count() > 0);
        if (externallyAccessible) spec.DefaultString("externalTrafficPolicy", "Cluster");
        if (type is "NodePort" or "LoadBalancer" or "ClusterIP") spec.Default("internalTrafficPolicy", "Cluster");
        if (type == "LoadBalancer") spec.Default("allocateLoadBalancerNodePorts", true);

        // An old-style client sets only clusterIP; clusterIPs follows it (the strategy's normalizeClusterIPs). A client that
        // sets only clusterIPs gets a validation error, as upstream: new clients must set both.
        if (spec.S("clusterIP").Length > 0 && spec.Arr("clusterIPs").Count() == 0) spec["clusterIPs"] = new JsonArray(spec.S("clusterIP"));

        if (type != "ExternalName")
        {
            var headlessWithoutSelector = spec.S("clusterIP") == "None" && spec.Obj("selector").Count() == 0;
            spec.DefaultString("ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
            // Kinet's service network is IPv4; a client-chosen IPv6 cluster IP still gets its own family (and the allocator's refusal).
            if (spec.Arr("ipFamilies").Count() == 0) spec["ipFamilies"] = new JsonArray(IpFormats.IsIPv6(spec.S("clusterIP")) ? "IPv6" : "IPv4");
        }
    }
}
