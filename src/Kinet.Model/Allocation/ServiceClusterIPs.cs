// A Service's ClusterIP on create, and what it holds for release, as kube-apiserver 1.32's allocClusterIPs
// (single-stack): ExternalName and headless ("None") Services get none, a requested address is taken or refused
// with the 422 on spec.clusterIPs, otherwise the next free address is written to clusterIP and clusterIPs.
// ipFamilies/ipFamilyPolicy defaulting is left to the API's Service strategy.
using System.Text.Json.Nodes;
using Kinet.Model.Networking;

namespace Kinet.Model.Allocation;

public static class ServiceClusterIPs
{
    /// <summary>The addresses a stored Service holds in <paramref name="allocator"/>'s range; release these on delete or type change.</summary>
    public static IReadOnlyList<IP> Held(JsonObject service, ServiceIPAllocator allocator) =>
        [.. Requested(service["spec"] as JsonObject)
            .Select(s => IP.TryParse(s, out var ip) ? ip : (IP?)null)
            .OfType<IP>()
            .Where(allocator.Cidr.Contains)];

    /// <summary>Takes the Service's ClusterIP, filling spec.clusterIP/clusterIPs in place; null on success.</summary>
    public static ServiceAllocationError? AllocateForCreate(JsonObject service, ServiceIPAllocator allocator)
    {
        if (service["spec"] is not JsonObject spec || (string?)spec["type"] == "ExternalName") return null;
        var requested = Requested(spec);
        if (requested.Count > 0 && requested[0] == "None") return null;
        if (requested.Count > 0 && requested[0].Length > 0)
        {
            var text = requested[0];
            if (!IP.TryParse(text, out var ip))
                return new ServiceAllocationError("", null, $"failed to parse service IP {GoValue.Quote(text)}", Internal: true);
            if (ip.IsV6 != allocator.Cidr.IsV6)
                return new ServiceAllocationError("spec.clusterIPs[0]", ServiceAllocationErrors.ClusterIPsValue(requested),
                    $"{(ip.IsV6 ? "IPv6" : "IPv4")} is not configured on this cluster");
            var result = allocator.Allocate(ip);
            return result.Succeeded
                ? Write(spec, text, requested)
                : new ServiceAllocationError(ServiceAllocationErrors.ClusterIPsField, ServiceAllocationErrors.ClusterIPsValue(requested),
                    ServiceAllocationErrors.ClusterIPDetail(text, result));
        }
        var next = allocator.Allocate();
        return next.Succeeded
            ? Write(spec, next.Value.ToString(), [])
            : new ServiceAllocationError("", null, ServiceAllocationErrors.ClusterIPExhausted(next), Internal: true);
    }

    private static ServiceAllocationError? Write(JsonObject spec, string ip, IReadOnlyList<string> requested)
    {
        spec["clusterIP"] = ip;
        spec["clusterIPs"] = new JsonArray([.. new[] { ip }.Concat(requested.Skip(1)).Select(s => (JsonNode)JsonValue.Create(s)!)]);
        return null;
    }

    // clusterIPs wins over clusterIP; the API's defaulting has normally made them agree already.
    private static IReadOnlyList<string> Requested(JsonObject? spec)
    {
        if (spec?["clusterIPs"] is JsonArray list && list.Count > 0) return [.. list.Select(n => (string?)n ?? "")];
        return (string?)spec?["clusterIP"] is { } single ? [single] : [];
    }
}
