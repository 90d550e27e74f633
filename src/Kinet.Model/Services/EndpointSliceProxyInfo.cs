// EndpointSlice objects (the API's JSON) as the proxy's EndpointInfos, as kube-proxy's EndpointSliceCache merges them
// (pkg/proxy/endpointslicecache.go): a slice belongs to the Service named by its kubernetes.io/service-name label; each
// slice port (name AND protocol) is a ServicePortName; every endpoint's first address of the family becomes one
// ip:port, deduplicated over all slices of the Service (a local copy wins), sorted by "ip:port". Conditions as upstream:
// a nil ready or serving is true, a nil terminating false. FQDN slices and ports without a name or number are ignored.
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using static Kinet.Model.JsonRead;

namespace Kinet.Model.Services;

public static class EndpointSliceProxyInfo
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>The (namespace, Service name) a slice belongs to, or null when it has no service-name label.</summary>
    public static (string Namespace, string Service)? ServiceOf(JsonObject slice)
    {
        var service = Str(slice, "metadata", "labels", ServiceNameLabel);
        var ns = Str(slice, "metadata", "namespace");
        return string.IsNullOrEmpty(service) || string.IsNullOrEmpty(ns) ? null : (ns, service);
    }

    /// <summary>The endpoints of every port of one Service, merged over its slices, relative to <paramref name="node"/>.
    /// Ports with no usable endpoint are absent, as in kube-proxy's EndpointsMap.</summary>
    public static Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> Merge(
        string ns, string service, IEnumerable<JsonObject> slices, string node, AddressFamily family = AddressFamily.InterNetwork)
    {
        var byPort = new Dictionary<ServicePortName, Dictionary<string, EndpointInfo>>();
        var wantedType = family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        // Upstream visits slices in map order; by name here, so a duplicate endpoint's conditions are deterministic.
        foreach (var slice in slices.OrderBy(s => Str(s, "metadata", "name"), StringComparer.Ordinal))
        {
            if (Str(slice, "addressType") != wantedType) continue;
            var endpoints = (At(slice, "endpoints") as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var port in (At(slice, "ports") as JsonArray ?? []).OfType<JsonObject>())
            {
                // Upstream ignores a port with a nil name or a nil/zero port number.
                if (At(port, "name") is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var portName)) continue;
                var number = Int(port, 0, "port");
                if (number == 0) continue;
                var key = new ServicePortName(ns, service, portName, ServiceProxyInfo.Protocol(Str(port, "protocol")));
                if (!byPort.TryGetValue(key, out var set)) byPort[key] = set = new Dictionary<string, EndpointInfo>(StringComparer.Ordinal);
                foreach (var e in endpoints)
                {
                    if (Endpoint(e, number, node, family) is not { } info) continue;
                    if (!set.ContainsKey(info.Key) || info.IsLocal) set[info.Key] = info;
                }
            }
        }
        var result = new Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>>();
        foreach (var (key, set) in byPort)
            if (set.Count > 0)
                result[key] = set.Values.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        return result;
    }

    private static EndpointInfo? Endpoint(JsonObject e, int port, string node, AddressFamily family)
    {
        if (At(e, "addresses") is not JsonArray { Count: > 0 } addresses) return null;
        if (addresses[0] is not JsonValue v || !v.TryGetValue<string>(out var text) || !IPAddress.TryParse(text, out var address)) return null;
        if (address.AddressFamily != family) return null;
        var nodeName = Str(e, "nodeName");
        return new EndpointInfo
        {
            Address = address,
            Port = port,
            Ready = Condition(e, "ready") ?? true,
            Serving = Condition(e, "serving") ?? true,
            Terminating = Condition(e, "terminating") ?? false,
            NodeName = nodeName,
            Zone = Str(e, "zone"),
            IsLocal = !string.IsNullOrEmpty(node) && nodeName == node,
        };
    }

    private static bool? Condition(JsonObject e, string name) =>
        At(e, "conditions", name) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
