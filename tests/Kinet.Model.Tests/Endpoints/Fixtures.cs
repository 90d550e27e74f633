// Builders for the objects the endpoint controllers read.
// Conventions: namespace "default"; nodes kind-worker (zone a) and kind-worker2 (zone b); pod IPs from 10.244.1.0/24.
using System.Text.Json.Nodes;

namespace Kinet.Model.Tests.Endpoints;

internal static class Fixtures
{
    public static JsonObject Service(string name, string? selector, string ports = """[{"port":80,"protocol":"TCP","targetPort":80}]""",
        string clusterIP = "10.96.0.20", bool publishNotReady = false, string? labels = null, string uid = "svc-uid")
    {
        var svc = Parse($$$"""
            {"kind":"Service","apiVersion":"v1",
             "metadata":{"name":"{{{name}}}","namespace":"default","uid":"{{{uid}}}"},
             "spec":{"clusterIP":"{{{clusterIP}}}","ports":{{{ports}}}}}
            """);
        if (selector is not null) svc["spec"]!["selector"] = Labels(selector);
        if (publishNotReady) svc["spec"]!["publishNotReadyAddresses"] = true;
        if (labels is not null) svc["metadata"]!["labels"] = Labels(labels);
        return svc;
    }

    /// <summary>"a=b,c=d" → {"a":"b","c":"d"}.</summary>
    public static JsonObject Labels(string text)
    {
        var o = new JsonObject();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=');
            o[kv[0]] = kv[1];
        }
        return o;
    }

    public static JsonObject Pod(string name, string labels, string? ip, string node = "kind-worker", bool ready = true,
        bool terminating = false, string phase = "Running", string? containerPorts = null, string? hostname = null, string? subdomain = null)
    {
        var pod = Parse($$$"""
            {"kind":"Pod","apiVersion":"v1",
             "metadata":{"name":"{{{name}}}","namespace":"default","uid":"uid-{{{name}}}"},
             "spec":{"nodeName":"{{{node}}}","containers":[{"name":"c","image":"nginx"}]},
             "status":{"phase":"{{{phase}}}","conditions":[{"type":"Ready","status":"{{{(ready ? "True" : "False")}}}"}]}}
            """);
        pod["metadata"]!["labels"] = Labels(labels);
        if (ip is not null)
        {
            pod["status"]!["podIP"] = ip;
            pod["status"]!["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        }
        if (terminating) pod["metadata"]!["deletionTimestamp"] = "2026-11-26T10:00:00Z";
        if (containerPorts is not null) pod["spec"]!["containers"]![0]!["ports"] = JsonNode.Parse(containerPorts);
        if (hostname is not null) pod["spec"]!["hostname"] = hostname;
        if (subdomain is not null) pod["spec"]!["subdomain"] = subdomain;
        return pod;
    }

    public static JsonObject Node(string name, string? zone)
    {
        var node = Parse("""{"kind":"Node","apiVersion":"v1","metadata":{"labels":{}}}""");
        node["metadata"]!["name"] = name;
        if (zone is not null) node["metadata"]!["labels"]!["topology.kubernetes.io/zone"] = zone;
        return node;
    }

    public static readonly JsonObject[] Nodes = [Node("kind-worker", "a"), Node("kind-worker2", "b"), Node("kind-control-plane", null)];

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A name generator that counts: svc-00001, svc-00002, ... (names upstream would randomise).</summary>
    public static Func<string, string> CountingNames()
    {
        var n = 0;
        return prefix => $"{prefix}{++n:D5}";
    }
}
