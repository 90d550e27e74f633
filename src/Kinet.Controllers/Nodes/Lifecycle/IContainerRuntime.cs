// The container runtime the lifecycle agent drives (the CRI's RunPodSandbox), implemented over the host by the node layer
// and by a fake in tests. It makes sandboxes; what runs in them and when is decided by the agent.
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Nodes.Lifecycle;

public interface IContainerRuntime
{
    /// <summary>Makes the pod's sandbox (network namespace, hostname, resolv.conf, volumes) with <paramref name="network"/>.
    /// Throws <see cref="PodStartException"/> with the runtime's words when it cannot.</summary>
    Task<IPodSandbox> RunSandboxAsync(JsonObject pod, PodNetwork network, CancellationToken ct);
}
