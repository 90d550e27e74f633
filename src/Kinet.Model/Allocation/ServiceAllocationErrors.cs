// The field paths and texts kube-apiserver 1.32 (pkg/registry/core/service/storage/alloc.go) wraps allocator
// errors in, so the API can build the exact 422/500 a client sees. A 422 cause is (Field, BadValue, Detail).
namespace Kinet.Model.Allocation;

public static class ServiceAllocationErrors
{
    /// <summary>1.32 reports requested-ClusterIP failures on the whole list, not on clusterIPs[i].</summary>
    public const string ClusterIPsField = "spec.clusterIPs";

    /// <summary>The bad value of a ClusterIP failure: the whole spec.clusterIPs, as Go's %#v prints a []string.</summary>
    public static GoValue ClusterIPsValue(IEnumerable<string> clusterIPs) => GoValue.StringSlice(clusterIPs);

    /// <summary>"failed to allocate IP 10.0.0.1: provided IP is already allocated" (<paramref name="requested"/> as the user wrote it).</summary>
    public static string ClusterIPDetail<T>(string requested, AllocationResult<T> failed) =>
        $"failed to allocate IP {requested}: {failed.Error}";

    /// <summary>The 500 InternalError message when no ClusterIP is left: "failed to allocate a serviceIP: range is full".</summary>
    public static string ClusterIPExhausted<T>(AllocationResult<T> failed) => $"failed to allocate a serviceIP: {failed.Error}";

    /// <summary>"spec.ports[0].nodePort"; the bad value is the port number and the detail is the allocation's Error.</summary>
    public static string NodePortField(int portIndex) => $"spec.ports[{portIndex}].nodePort";

    /// <summary>The 500 InternalError message when no NodePort is left: "failed to allocate a nodePort: range is full".</summary>
    public static string NodePortExhausted<T>(AllocationResult<T> failed) => $"failed to allocate a nodePort: {failed.Error}";

    /// <summary>The 500 InternalError message for a requested healthCheckNodePort that can't be had.</summary>
    public static string HealthCheckNodePortFailed<T>(int port, AllocationResult<T> failed) =>
        $"failed to allocate requested HealthCheck NodePort {port}: {failed.Error}";
}
