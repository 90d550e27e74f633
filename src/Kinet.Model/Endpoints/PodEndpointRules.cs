// The per-pod rules both endpoint controllers share (upstream endpointslice/util and pkg/api/v1/pod):
// is the pod an endpoint at all, is it ready, which port does a Service port reach on it, which address.
using Kinet.Model.Workloads;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kinet.Model.Selectors;
using static Kinet.Model.Endpoints.JsonRead;

namespace Kinet.Model.Endpoints;

public static class PodEndpointRules
{
    /// <summary>A Service's pod selector, or null when the controllers leave the Service alone (no selector; an empty map round-trips to nil upstream).</summary>
    public static LabelSelector? SelectorOf(JsonObject service)
    {
        var map = Obj(service, "spec", "selector");
        return map is null || map.Count == 0 ? null : LabelSelector.FromMap(map);
    }

    /// <summary>ShouldPodBeInEndpoints: has an IP, not Succeeded/Failed, and not terminating unless <paramref name="includeTerminating"/>.</summary>
    public static bool ShouldPodBeInEndpoints(JsonObject pod, bool includeTerminating)
    {
        if (string.IsNullOrEmpty(Str(pod, "status", "podIP")) && (Arr(pod, "status", "podIPs")?.Count ?? 0) == 0) return false;
        if (PodFacts.IsTerminal(pod)) return false;
        if (!includeTerminating && IsTerminating(pod)) return false;
        return true;
    }

    public static bool IsTerminating(JsonObject pod) => Str(pod, "metadata", "deletionTimestamp") is { Length: > 0 };

    /// <summary>podutil.IsPodReady: the Ready condition is True.</summary>
    public static bool IsPodReady(JsonObject pod) => PodFacts.IsReady(pod);

    /// <summary>The pod's IPv4 address: the first IPv4 of status.podIPs, else status.podIP if it is IPv4.</summary>
    public static string? IPv4Of(JsonObject pod)
    {
        foreach (var entry in Arr(pod, "status", "podIPs")?.OfType<JsonObject>() ?? [])
            if (IsIPv4(Str(entry, "ip"))) return Str(entry, "ip");
        var ip = Str(pod, "status", "podIP");
        return IsIPv4(ip) ? ip : null;
    }

    private static bool IsIPv4(string? ip) =>
        ip is not null && IPAddress.TryParse(ip, out var a) && a.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>ShouldSetHostname: the pod has a hostname and its subdomain is this Service's name in the same namespace.</summary>
    public static bool ShouldSetHostname(JsonObject pod, JsonObject service) =>
        Str(pod, "spec", "hostname") is { Length: > 0 }
        && Str(pod, "spec", "subdomain") == Str(service, "metadata", "name")
        && (Str(pod, "metadata", "namespace") ?? "") == (Str(service, "metadata", "namespace") ?? "");

    /// <summary>IsServiceIPSet: clusterIP is neither empty nor "None".</summary>
    public static bool IsServiceIPSet(JsonObject service) =>
        Str(service, "spec", "clusterIP") is { Length: > 0 } ip && ip != "None";

    /// <summary>podutil.FindPort: a numeric targetPort as is (defaulting to port); a named one from the containers' ports
    /// with the same protocol, then restartable init containers (sidecars); null when the pod has no such port.</summary>
    public static int? FindPort(JsonObject pod, JsonObject servicePort)
    {
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (Int(target) is { } n) return n;
        var name = Str(target);
        if (string.IsNullOrEmpty(name)) return null;
        var protocol = Str(servicePort, "protocol") ?? "TCP";
        var found = PortIn(Arr(pod, "spec", "containers"), name, protocol, sidecarsOnly: false)
                 ?? PortIn(Arr(pod, "spec", "initContainers"), name, protocol, sidecarsOnly: true);
        return found;
    }

    private static int? PortIn(JsonArray? containers, string name, string protocol, bool sidecarsOnly)
    {
        foreach (var c in containers?.OfType<JsonObject>() ?? [])
        {
            if (sidecarsOnly && Str(c, "restartPolicy") != "Always") continue;
            foreach (var p in Arr(c, "ports")?.OfType<JsonObject>() ?? [])
                if (Str(p, "name") == name && (Str(p, "protocol") ?? "TCP") == protocol && Int(p["containerPort"]) is { } cp)
                    return cp;
        }
        return null;
    }
}
