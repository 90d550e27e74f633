// Services: type, cluster IP, external IP (<pending> for a LoadBalancer without an address), ports as 80:30080/TCP.
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

internal sealed class ServicePrinter : ResourcePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        ColumnText.NameColumn,
        new("Type", "string", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
        new("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
        new("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        new("Port(s)", "string", "The list of ports that are exposed by this service."),
        ColumnText.AgeColumn,
        new("Selector", "string", "Route service traffic to pods with label keys and values matching this selector.", 1),
    ];

    public override IReadOnlyList<object?> Cells(JsonObject svc, DateTimeOffset now)
    {
        // Defaulting makes type ClusterIP and fills clusterIPs from clusterIP; stored objects may predate that.
        var type = Json.Str(svc, "spec", "type") is { Length: > 0 } t ? t : "ClusterIP";
        var clusterIp = Json.Strings(svc, "spec", "clusterIPs").FirstOrDefault() ?? Json.Str(svc, "spec", "clusterIP");
        var ports = string.Join(",", Json.Arr(svc, "spec", "ports").Select(Port));
        return
        [
            Name(svc), type, OrNone(clusterIp), ExternalIp(svc, type), OrNone(ports), Age(svc, now),
            LabelFormat.Labels(Json.Obj(svc, "spec", "selector")),
        ];
    }

    private static string Port(JsonNode? p)
    {
        var protocol = Json.Str(p, "protocol") is { Length: > 0 } pr ? pr : "TCP";
        var nodePort = Json.Int(p, "nodePort");
        return nodePort > 0 ? $"{Json.Int(p, "port")}:{nodePort}/{protocol}" : $"{Json.Int(p, "port")}/{protocol}";
    }

    private static string ExternalIp(JsonObject svc, string type)
    {
        var externalIps = Json.Strings(svc, "spec", "externalIPs").ToList();
        switch (type)
        {
            case "ClusterIP":
            case "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : "<none>";
            case "LoadBalancer":
                var lb = LoadBalancerAddresses(Json.Obj(svc, "status", "loadBalancer"));
                if (externalIps.Count > 0) return string.Join(",", lb.Concat(externalIps));
                return lb.Count > 0 ? string.Join(",", lb) : "<pending>";
            case "ExternalName":
                return Json.Str(svc, "spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    /// <summary>The distinct IPs (or else hostnames) of a load balancer status, sorted (kube-apiserver prints them wide, unclipped).</summary>
    public static List<string> LoadBalancerAddresses(JsonObject? status) =>
        Json.Arr(status, "ingress")
            .Select(i => Json.Str(i, "ip") is { Length: > 0 } ip ? ip : Json.Str(i, "hostname"))
            .Where(a => a.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
}
