// ClusterIPs and NodePorts of Services, allocated by the API server when a Service is written, as kube-apiserver's
// service REST storage does: after validation, before the object is stored; given back when the write fails, when the
// Service is deleted, or when an update stops using them. Rebuilt from the stored Services at start, so no address or
// port is ever held twice across restarts.
using System.Text.Json.Nodes;
using Kinet.Api.Errors;
using Kinet.Model.Allocation;
using Kinet.Model.Networking;

namespace Kinet.Api.Registry;

public sealed class ServiceAllocations(Cidr serviceCidr, PortRange? nodePorts = null)
{
    private readonly ServiceIPAllocator _ips = new(serviceCidr);
    private readonly NodePortAllocator _ports = new(nodePorts ?? PortRange.NodePortDefault);

    public Cidr ServiceCidr => serviceCidr;

    /// <summary>The `kubernetes` Service's address: the first of the range.</summary>
    public IP KubernetesServiceIP => _ips.KubernetesServiceIP;

    /// <summary>Marks what the stored Services hold (daemon start).</summary>
    public void Rebuild(IEnumerable<JsonObject> services)
    {
        foreach (var s in services)
        {
            foreach (var ip in ServiceClusterIPs.Held(s, _ips)) _ips.Allocate(ip);
            foreach (var port in ServiceNodePorts.Held(s)) _ports.Allocate(port);
        }
    }

    /// <summary>Allocates for a new Service (filled in place); returns the undo for a write that then fails.</summary>
    public Action AllocateForCreate(JsonObject service)
    {
        Throw(service, ServiceClusterIPs.AllocateForCreate(service, _ips));
        var ips = ServiceClusterIPs.Held(service, _ips);
        var error = ServiceNodePorts.AllocateForCreate(service, _ports);
        if (error is not null)
        {
            foreach (var ip in ips) _ips.Release(ip);
            Throw(service, error);
        }
        return () => Release(service);
    }

    /// <summary>Moves a Service's NodePorts to what the update needs; returns the undo for a write that then fails.</summary>
    public Action AllocateForUpdate(JsonObject after, JsonObject before)
    {
        var held = ServiceNodePorts.Held(before);
        Throw(after, ServiceNodePorts.AllocateForUpdate(after, before, _ports));
        var now = ServiceNodePorts.Held(after);
        // ClusterIPs cannot change on update (validation), except by leaving them when the type becomes ExternalName.
        var ipsGone = ServiceClusterIPs.Held(before, _ips).Except(ServiceClusterIPs.Held(after, _ips)).ToArray();
        foreach (var ip in ipsGone) _ips.Release(ip);
        return () =>
        {
            foreach (var p in now.Except(held)) _ports.Release(p);
            foreach (var p in held.Except(now)) _ports.Allocate(p);
            foreach (var ip in ipsGone) _ips.Allocate(ip);
        };
    }

    /// <summary>Gives back what a deleted Service held.</summary>
    public void Release(JsonObject service)
    {
        foreach (var ip in ServiceClusterIPs.Held(service, _ips)) _ips.Release(ip);
        foreach (var port in ServiceNodePorts.Held(service)) _ports.Release(port);
    }

    private static void Throw(JsonObject service, ServiceAllocationError? error)
    {
        if (error is null) return;
        if (error.Internal)
            throw new ApiException(500, "InternalError", "Internal error occurred: " + error.Detail,
                new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = error.Detail }) });
        throw ApiException.Invalid("", "Service", Meta.Name(service),
            [new FieldError(FieldErrorType.Invalid, error.Field, error.Detail, error.BadValue)]);
    }
}
