// A Service object (the API's JSON) as the proxy's ServicePortInfos, as kube-proxy's ServiceChangeTracker builds them
// (pkg/proxy/servicechangetracker.go serviceToServiceMap, serviceport.go newBaseServiceInfo): one per port for one IP
// family; none for headless (clusterIP None or unset) and ExternalName Services or when the Service has no cluster IP
// of the family. Addresses of the other family (external IPs, load-balancer ingress, source ranges) are dropped.
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using static Kinet.Model.JsonRead;

namespace Kinet.Model.Services;

public static class ServiceProxyInfo
{
    public const int DefaultStickyMaxAgeSeconds = 10800;

    public static IReadOnlyList<ServicePortInfo> From(JsonObject service, AddressFamily family = AddressFamily.InterNetwork)
    {
        var ns = Str(service, "metadata", "namespace") ?? "";
        var name = Str(service, "metadata", "name") ?? "";
        var type = Str(service, "spec", "type") ?? "ClusterIP";
        var clusterIPField = Str(service, "spec", "clusterIP");
        // proxyutil.ShouldSkipService: no cluster IP ("" or None) or ExternalName.
        if (string.IsNullOrEmpty(clusterIPField) || clusterIPField == "None" || type == "ExternalName") return [];
        if (ClusterIPOf(service, family) is not { } clusterIP) return [];

        // apiservice.ExternallyAccessible / ExternalPolicyLocal / InternalPolicyLocal / NeedsHealthCheck.
        var externallyAccessible = type is "LoadBalancer" or "NodePort"
            || (type == "ClusterIP" && Strings(service, "spec", "externalIPs").Count > 0);
        var externalLocal = externallyAccessible && Str(service, "spec", "externalTrafficPolicy") == "Local";
        var internalLocal = Str(service, "spec", "internalTrafficPolicy") == "Local";
        var clientIP = Str(service, "spec", "sessionAffinity") == "ClientIP";
        var sticky = clientIP
            ? Int(service, DefaultStickyMaxAgeSeconds, "spec", "sessionAffinityConfig", "clientIP", "timeoutSeconds")
            : DefaultStickyMaxAgeSeconds;
        var healthCheck = type == "LoadBalancer" && externalLocal ? Int(service, 0, "spec", "healthCheckNodePort") : 0;

        var externalIPs = OfFamily(Strings(service, "spec", "externalIPs"), family);
        var sourceRanges = Strings(service, "spec", "loadBalancerSourceRanges")
            .Select(r => r.Trim())
            .Where(r => CidrFamily(r) == family)
            .ToList();
        var lbIPs = new List<IPAddress>();
        foreach (var ing in (At(service, "status", "loadBalancer", "ingress") as JsonArray ?? []).OfType<JsonObject>())
        {
            // proxyutil.IsVIPMode: only VIP-style ingress (ipMode unset or VIP) gets rules; Proxy-mode ones do not.
            var ipMode = Str(ing, "ipMode");
            if (Str(ing, "ip") is { Length: > 0 } ip && (ipMode is null or "VIP")
                && IPAddress.TryParse(ip, out var a) && a.AddressFamily == family)
                lbIPs.Add(a);
        }

        var result = new List<ServicePortInfo>();
        foreach (var port in (At(service, "spec", "ports") as JsonArray ?? []).OfType<JsonObject>())
        {
            result.Add(new ServicePortInfo
            {
                Name = new ServicePortName(ns, name, Str(port, "name") ?? "", Protocol(Str(port, "protocol"))),
                ClusterIP = clusterIP,
                Port = Int(port, 0, "port"),
                // A ClusterIP Service has no node ports whatever the object says (the API server clears them).
                NodePort = type is "NodePort" or "LoadBalancer" ? Int(port, 0, "nodePort") : 0,
                LoadBalancerIPs = lbIPs,
                LoadBalancerSourceRanges = sourceRanges,
                ExternalIPs = externalIPs,
                ClientIPAffinity = clientIP,
                StickyMaxAgeSeconds = sticky,
                ExternalPolicyLocal = externalLocal,
                InternalPolicyLocal = internalLocal,
                HealthCheckNodePort = healthCheck,
            });
        }
        return result;
    }

    /// <summary>proxyutil.GetClusterIPByFamily: the clusterIPs entry of the family (clusterIP when clusterIPs is empty).</summary>
    public static IPAddress? ClusterIPOf(JsonObject service, AddressFamily family)
    {
        var ips = Strings(service, "spec", "clusterIPs");
        if (ips.Count == 0 && Str(service, "spec", "clusterIP") is { } single) ips = [single];
        return OfFamily(ips, family).FirstOrDefault();
    }

    public static ServiceProtocol Protocol(string? protocol) => protocol switch
    {
        "UDP" => ServiceProtocol.Udp,
        "SCTP" => ServiceProtocol.Sctp,
        _ => ServiceProtocol.Tcp,
    };

    private static List<IPAddress> OfFamily(IEnumerable<string> texts, AddressFamily family) =>
        texts.Select(t => IPAddress.TryParse(t.Trim(), out var a) ? a : null)
            .Where(a => a is not null && a.AddressFamily == family)
            .Select(a => a!)
            .ToList();

    private static AddressFamily? CidrFamily(string cidr)
    {
        var slash = cidr.IndexOf('/');
        return IPAddress.TryParse(slash < 0 ? cidr : cidr[..slash], out var a) ? a.AddressFamily : null;
    }

    private static List<string> Strings(JsonNode node, params string[] path) =>
        (At(node, path) as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
}
