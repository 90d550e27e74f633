// Building blocks of desired EndpointSlices (upstream endpointslice utils): the ports a Service resolves to on a
// pod, the endpoint a pod becomes, a fresh slice for a Service, and the keys that group and identify them.
using System.Text;
using System.Text.Json.Nodes;
using static Kinet.Model.Endpoints.JsonRead;

namespace Kinet.Model.Endpoints;

public static class EndpointSliceFactory
{
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>getEndpointPorts: one EndpointPort per Service port the pod resolves; unresolvable ports are left out.</summary>
    public static JsonArray EndpointPorts(JsonObject service, JsonObject pod)
    {
        var ports = new JsonArray();
        foreach (var sp in Arr(service, "spec", "ports")?.OfType<JsonObject>() ?? [])
        {
            if (PodEndpointRules.FindPort(pod, sp) is not { } number) continue;
            var p = new JsonObject
            {
                ["name"] = Str(sp, "name") ?? "",
                ["protocol"] = Str(sp, "protocol") ?? "TCP",
                ["port"] = number,
            };
            if (Str(sp, "appProtocol") is { } ap) p["appProtocol"] = ap;
            ports.Add(p);
        }
        return ports;
    }

    /// <summary>podToEndpoint: addresses [IPv4], conditions, hostname, targetRef, nodeName, zone.
    /// Ready is serving and not terminating, or always when the Service publishes not-ready addresses.</summary>
    public static JsonObject PodToEndpoint(JsonObject pod, JsonObject? node, JsonObject service)
    {
        var serving = PodEndpointRules.IsPodReady(pod);
        var terminating = PodEndpointRules.IsTerminating(pod);
        var ready = Bool(service, "spec", "publishNotReadyAddresses") || (serving && !terminating);
        var addresses = new JsonArray();
        if (PodEndpointRules.IPv4Of(pod) is { } ip) addresses.Add(ip);
        var ep = new JsonObject
        {
            ["addresses"] = addresses,
            ["conditions"] = new JsonObject { ["ready"] = ready, ["serving"] = serving, ["terminating"] = terminating },
        };
        if (PodEndpointRules.ShouldSetHostname(pod, service)) ep["hostname"] = Str(pod, "spec", "hostname");
        ep["targetRef"] = PodRef(pod);
        if (Str(pod, "spec", "nodeName") is { Length: > 0 } nodeName) ep["nodeName"] = nodeName;
        if (Str(node, "metadata", "labels", ZoneLabel) is { Length: > 0 } zone) ep["zone"] = zone;
        return ep;
    }

    internal static JsonObject PodRef(JsonObject pod)
    {
        var r = new JsonObject { ["kind"] = "Pod", ["namespace"] = Str(pod, "metadata", "namespace") ?? "", ["name"] = Str(pod, "metadata", "name") ?? "" };
        if (Str(pod, "metadata", "uid") is { } uid) r["uid"] = uid;
        return r;
    }

    /// <summary>newEndpointSlice: generateName "&lt;svc&gt;-", the Service as controlling owner, its labels, no endpoints yet.
    /// Empty ports are written as null, as kube-apiserver returns them after its protobuf round trip.</summary>
    public static JsonObject NewSlice(JsonObject service, JsonArray ports)
    {
        var svcName = Str(service, "metadata", "name") ?? "";
        var (labels, _) = EndpointSliceLabels.For(null, service);
        var owner = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["name"] = svcName,
            ["uid"] = Str(service, "metadata", "uid") ?? "",
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
        return new JsonObject
        {
            ["kind"] = "EndpointSlice",
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = SliceNameGenerator.PrefixFor(svcName),
                ["namespace"] = Str(service, "metadata", "namespace") ?? "default",
                ["labels"] = StringMap(labels.OrderBy(p => p.Key, StringComparer.Ordinal)),
                ["ownerReferences"] = new JsonArray(owner),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = new JsonArray(),
            ["ports"] = ports.Count == 0 ? null : ports,
        };
    }

    /// <summary>PortMapKey: the same key for equal port sets in any order (slices group endpoints by it).</summary>
    public static string PortMapKey(JsonArray? ports)
    {
        var parts = (ports ?? []).OfType<JsonObject>()
            .Select(p => $"{Str(p, "name")}/{Str(p, "protocol")}/{Int(p["port"])}/{Str(p, "appProtocol")}")
            .Order(StringComparer.Ordinal);
        return string.Join("|", parts);
    }

    /// <summary>The endpoint identity (upstream hashes addresses, hostname and targetRef namespace/name): two endpoints
    /// with one key are the same endpoint, possibly in different states.</summary>
    public static string EndpointKey(JsonObject endpoint)
    {
        var sb = new StringBuilder();
        foreach (var a in Arr(endpoint, "addresses") ?? []) sb.Append(Str(a)).Append(',');
        sb.Append('|').Append(Str(endpoint, "hostname"));
        sb.Append('|').Append(Str(endpoint, "targetRef", "namespace")).Append('/').Append(Str(endpoint, "targetRef", "name"));
        return sb.ToString();
    }
}
