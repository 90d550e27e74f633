// Which nodePorts a Service holds and how a create or update changes that, as kube-apiserver 1.32's
// initNodePorts/updateNodePorts (service/storage/alloc.go): ports with the same `port` number share one requested
// nodePort on create, LoadBalancer Services skip unrequested ports when allocateLoadBalancerNodePorts is false,
// and everything taken is given back if any port fails (the operation is all-or-nothing).
using System.Text.Json.Nodes;

namespace Kinet.Model.Allocation;

public static class ServiceNodePorts
{
    /// <summary>The nodePorts (and healthCheckNodePort) a stored Service holds; release these when it is deleted.</summary>
    public static IReadOnlyList<int> Held(JsonObject service)
    {
        var spec = service["spec"] as JsonObject;
        var held = Ports(spec).Select(p => NodePort(p)).Where(n => n != 0).ToList();
        if (spec?["healthCheckNodePort"] is JsonValue h && h.TryGetValue(out int hc) && hc != 0) held.Add(hc);
        return held.Distinct().ToList();
    }

    /// <summary>
    /// Fills spec.ports[*].nodePort of a new Service in place. On failure nothing stays taken and the error says why.
    /// </summary>
    public static ServiceAllocationError? AllocateForCreate(JsonObject service, NodePortAllocator allocator)
    {
        var spec = service["spec"] as JsonObject;
        if (!NeedsNodePorts(spec)) return null;
        var taken = new List<int>();
        var byServicePort = new Dictionary<int, int>();
        var ports = Ports(spec).ToList();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var requested = NodePort(port);
            if (requested == 0 && !ShouldAllocate(spec)) continue;
            var servicePort = (int?)port["port"] ?? 0;
            if (!byServicePort.TryGetValue(servicePort, out var shared))
            {
                // A nodePort asked for on any port with this number is used for all of them.
                var wanted = ports.Where(p => ((int?)p["port"] ?? 0) == servicePort).Select(p => NodePort(p)).FirstOrDefault(n => n != 0);
                var result = wanted != 0 ? allocator.Allocate(wanted) : allocator.Allocate();
                if (!result.Succeeded)
                    return Undo(allocator, taken, wanted != 0
                        ? new ServiceAllocationError(ServiceAllocationErrors.NodePortField(i), wanted, result.Error)
                        : new ServiceAllocationError("", null, ServiceAllocationErrors.NodePortExhausted(result), Internal: true));
                taken.Add(result.Value);
                port["nodePort"] = result.Value;
                byServicePort[servicePort] = result.Value;
            }
            else if (requested != shared)
            {
                if (requested == 0)
                {
                    port["nodePort"] = shared;
                    continue;
                }
                var result = allocator.Allocate(requested);
                if (!result.Succeeded)
                    return Undo(allocator, taken, new ServiceAllocationError(ServiceAllocationErrors.NodePortField(i), requested, result.Error));
                taken.Add(requested);
            }
        }
        return AllocateHealthCheck(spec!, allocator, taken);
    }

    /// <summary>
    /// Moves a Service from <paramref name="before"/> to <paramref name="after"/> (filled in place): new nodePorts are
    /// taken, ports no longer used are released only if the whole update succeeds.
    /// </summary>
    public static ServiceAllocationError? AllocateForUpdate(JsonObject after, JsonObject before, NodePortAllocator allocator)
    {
        var old = Held(before);
        var spec = after["spec"] as JsonObject;
        var taken = new List<int>();
        if (NeedsNodePorts(spec))
        {
            var ports = Ports(spec).ToList();
            var seen = new HashSet<(string, int)>();
            for (var i = 0; i < ports.Count; i++)
            {
                var port = ports[i];
                var requested = NodePort(port);
                if (requested == 0 && !ShouldAllocate(spec)) continue;
                var protocol = (string?)port["protocol"] ?? "TCP";
                if (requested != 0)
                {
                    if (!old.Contains(requested) && !seen.Contains((protocol, requested)) && !taken.Contains(requested))
                    {
                        var result = allocator.Allocate(requested);
                        if (!result.Succeeded)
                            return Undo(allocator, taken, new ServiceAllocationError(ServiceAllocationErrors.NodePortField(i), requested, result.Error));
                        taken.Add(requested);
                    }
                }
                else
                {
                    var result = allocator.Allocate();
                    if (!result.Succeeded)
                        return Undo(allocator, taken, new ServiceAllocationError("", null, ServiceAllocationErrors.NodePortExhausted(result), Internal: true));
                    taken.Add(result.Value);
                    port["nodePort"] = result.Value;
                    requested = result.Value;
                }
                seen.Add((protocol, requested));
            }
        }
        else
        {
            // A Service that no longer needs nodePorts (e.g. changed to ClusterIP) drops them.
            foreach (var port in Ports(spec)) port.Remove("nodePort");
        }
        if (spec is not null && !NeedsHealthCheck(spec)) spec.Remove("healthCheckNodePort");
        else if (spec is not null && NeedsHealthCheck(spec) && !Held(before).Contains(HealthCheck(spec)))
        {
            var error = AllocateHealthCheck(spec, allocator, taken);
            if (error is not null) return error;
        }
        var now = Held(after);
        foreach (var gone in old.Where(p => !now.Contains(p))) allocator.Release(gone);
        return null;
    }

    private static ServiceAllocationError? AllocateHealthCheck(JsonObject spec, NodePortAllocator allocator, List<int> taken)
    {
        if (!NeedsHealthCheck(spec)) return null;
        var requested = HealthCheck(spec);
        var result = requested != 0 ? allocator.Allocate(requested) : allocator.Allocate();
        if (!result.Succeeded)
        {
            var detail = requested != 0
                ? ServiceAllocationErrors.HealthCheckNodePortFailed(requested, result)
                : $"failed to allocate a HealthCheck NodePort 0: {result.Error}";
            return Undo(allocator, taken, new ServiceAllocationError("", null, detail, Internal: true));
        }
        taken.Add(result.Value);
        spec["healthCheckNodePort"] = result.Value;
        return null;
    }

    private static ServiceAllocationError Undo(NodePortAllocator allocator, List<int> taken, ServiceAllocationError error)
    {
        foreach (var port in taken) allocator.Release(port);
        taken.Clear();
        return error;
    }

    private static string Type(JsonObject? spec) => (string?)spec?["type"] ?? "ClusterIP";

    private static bool NeedsNodePorts(JsonObject? spec) => Type(spec) is "NodePort" or "LoadBalancer";

    private static bool ShouldAllocate(JsonObject? spec) =>
        Type(spec) == "NodePort" || (Type(spec) == "LoadBalancer" && ((bool?)spec?["allocateLoadBalancerNodePorts"] ?? true));

    // A LoadBalancer Service with externalTrafficPolicy Local gets a health-check port (apiservice.NeedsHealthCheck).
    private static bool NeedsHealthCheck(JsonObject spec) =>
        Type(spec) == "LoadBalancer" && (string?)spec["externalTrafficPolicy"] == "Local";

    private static int HealthCheck(JsonObject spec) => (int?)spec["healthCheckNodePort"] ?? 0;

    private static IEnumerable<JsonObject> Ports(JsonObject? spec) =>
        (spec?["ports"] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static int NodePort(JsonObject port) => port["nodePort"] is JsonValue v && v.TryGetValue(out int n) ? n : 0;
}
