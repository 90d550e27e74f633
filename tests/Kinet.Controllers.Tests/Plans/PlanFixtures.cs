// Builders for planner tests: pods, ConfigMaps, Secrets and Services as the API stores them, and an in-memory
// IPodPlanSources. Conventions: namespace "shop", node "kinet-worker" at 172.18.0.3, pod IP 10.244.1.5, cluster DNS
// 10.96.0.10, the kubernetes Service at 10.96.0.1.
using System.Text.Json.Nodes;
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

internal sealed class FakeSources : IPodPlanSources
{
    public Dictionary<string, JsonObject> ConfigMaps { get; } = [];
    public Dictionary<string, JsonObject> Secrets { get; } = [];
    public List<JsonObject> AllServices { get; } = [];
    public string? Token { get; set; }

    public JsonObject? ConfigMap(string ns, string name) => ConfigMaps.GetValueOrDefault(ns + "/" + name);
    public JsonObject? Secret(string ns, string name) => Secrets.GetValueOrDefault(ns + "/" + name);

    public IEnumerable<JsonObject> Services(string ns) =>
        AllServices.Where(s => s["metadata"]!["namespace"]!.GetValue<string>() == ns);

    public string? ServiceAccountToken(string ns, string serviceAccount, string audience, long expirationSeconds) => Token;

    public FakeSources WithConfigMap(string ns, string name, string dataJson, string? binaryJson = null)
    {
        var cm = Fixtures.Obj($$$"""{"metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"data":{{{dataJson}}} }""");
        if (binaryJson is not null) cm["binaryData"] = JsonNode.Parse(binaryJson);
        ConfigMaps[ns + "/" + name] = cm;
        return this;
    }

    /// <summary>A Secret with its data base64-encoded, as the API stores it.</summary>
    public FakeSources WithSecret(string ns, string name, params (string Key, string Value)[] data)
    {
        var d = new JsonObject();
        foreach (var (k, v) in data) d[k] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(v));
        Secrets[ns + "/" + name] = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["data"] = d,
        };
        return this;
    }

    public FakeSources WithService(string ns, string name, string clusterIp, string portsJson)
    {
        AllServices.Add(Fixtures.Obj($$$"""{"metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"spec":{"clusterIP":"{{{clusterIp}}}","ports":{{{portsJson}}} }}"""));
        return this;
    }

    public FakeSources WithKubernetesService() =>
        WithService("default", "kubernetes", "10.96.0.1", """[{"name":"https","port":443,"protocol":"TCP","targetPort":6443}]""");
}

internal static class Fixtures
{
    public static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static readonly PodPlanSettings Settings = new()
    {
        ClusterDomain = "cluster.local",
        ClusterDns = ["10.96.0.10"],
        HostResolvConf = "",
        NodeName = "kinet-worker",
        PodIPs = ["10.244.1.5"],
        HostIPs = ["172.18.0.3"],
        KinetExecutable = "/opt/kinet/kinet",
        BusyboxPath = "/usr/bin/busybox",
        BusyboxApplets = ["sh", "wget", "tail", "ip"],
        BusyboxDirs = ["/usr/sbin", "/usr/bin"],
        NodeAllocatable = new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "8Gi", ["ephemeral-storage"] = "100Gi" },
    };

    /// <summary>A pod in namespace shop with the given spec fields (JSON members) merged into a one-container spec.</summary>
    public static JsonObject Pod(string specJson = "{}", string name = "web-0", string? metadataExtra = null)
    {
        var spec = Obj(specJson);
        if (!spec.ContainsKey("containers")) spec["containers"] = JsonNode.Parse("""[{"name":"app","image":"nginx:1.27"}]""");
        var pod = Obj($$$"""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"{{{name}}}","namespace":"shop","uid":"5f2c9d3e-0000-4000-8000-000000000001"{{{(metadataExtra is null ? "" : "," + metadataExtra)}}} },
             "spec":{}}
            """);
        pod["spec"] = spec;
        if (!spec.ContainsKey("nodeName")) spec["nodeName"] = "kinet-worker";
        return pod;
    }

    /// <summary>A pod whose only container is the given JSON.</summary>
    public static JsonObject PodWith(string containerJson, string extraSpec = "") =>
        Pod("{" + (extraSpec.Length > 0 ? extraSpec + "," : "") + "\"containers\":[" + containerJson + "]}");

    public static ContainerPlan Only(PodPlan plan)
    {
        var result = Assert.Single(plan.Containers);
        Assert.Null(result.Error);
        return result.Plan!;
    }

    public static string File(PodPlan plan, string path) => Assert.Single(plan.Files, f => f.Path == path).ContentText;
}
