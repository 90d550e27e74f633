// Services, EndpointSlices and Nodes as the informers deliver them, for the sync tests. Namespace ns1; node n1 is "this" node.
using System.Text.Json.Nodes;

namespace Kinet.Proxy.Tests.Sync;

internal static class Objects
{
    public static JsonObject Service(string name, string clusterIP, int port = 80, string protocol = "TCP", int nodePort = 0, string type = "ClusterIP") =>
        JsonNode.Parse($$$"""
            {"metadata":{"namespace":"ns1","name":"{{{name}}}","resourceVersion":"1"},
             "spec":{"type":"{{{type}}}","clusterIP":"{{{clusterIP}}}","ports":[{"name":"p","port":{{{port}}},"protocol":"{{{protocol}}}","nodePort":{{{nodePort}}}}]}}
            """)!.AsObject();

    /// <summary>A slice of <paramref name="service"/> with one ready endpoint per address ("10.244.1.5@n1").</summary>
    public static JsonObject Slice(string name, string service, string protocol, params string[] endpoints)
    {
        var eps = new JsonArray();
        foreach (var e in endpoints)
        {
            var parts = e.Split('@');
            eps.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(parts[0]),
                ["conditions"] = new JsonObject { ["ready"] = true },
                ["nodeName"] = parts.Length > 1 ? parts[1] : "n2",
            });
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["namespace"] = "ns1", ["name"] = name,
                ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = service },
            },
            ["addressType"] = "IPv4",
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "p", ["port"] = 8080, ["protocol"] = protocol }),
            ["endpoints"] = eps,
        };
    }

    public static JsonObject Node(string name, string internalIP) => JsonNode.Parse($$$"""
        {"metadata":{"name":"{{{name}}}"},"status":{"addresses":[{"type":"InternalIP","address":"{{{internalIP}}}"},{"type":"Hostname","address":"{{{name}}}"}]}}
        """)!.AsObject();
}
