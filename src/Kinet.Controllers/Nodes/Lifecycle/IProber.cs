// Network probes (pkg/probe/http and pkg/probe/tcp): the kubelet runs them from the node towards the pod's address.
// Exec probes go through the sandbox instead.
namespace Kinet.Controllers.Nodes.Lifecycle;

public interface IProber
{
    /// <summary>GET the target: 200–399 is success, any other status a failure, an error or <paramref name="timeout"/> a failure with Go's message.</summary>
    Task<ProbeResult> HttpGetAsync(HttpGetTarget target, TimeSpan timeout, CancellationToken ct);

    /// <summary>Connect to host:port: success when the connection is accepted within <paramref name="timeout"/>.</summary>
    Task<ProbeResult> TcpSocketAsync(string host, int port, TimeSpan timeout, CancellationToken ct);
}
