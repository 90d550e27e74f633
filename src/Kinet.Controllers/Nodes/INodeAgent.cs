// The seam between the kubelet controller and whatever runs pods on a node: the simulated agent (kwok-like) in this
// issue, the kernel agent (network namespaces, veths) later. The kubelet controller decides what should run and writes
// the API; an agent only runs, reports and stops sandboxes and their containers. Agents must be safe to call for
// different pods from several threads at once; one pod is never started and stopped concurrently.
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Nodes;

public interface INodeAgent
{
    /// <summary>
    /// Starts the pod's sandbox with <paramref name="network"/> and then its containers. Calling it again for a pod the
    /// agent already runs (same uid) returns the current state without starting anything anew (a daemon restart re-adopts
    /// running pods this way). Throws <see cref="PodStartException"/> when the sandbox cannot be made.
    /// </summary>
    Task<PodRunState> StartPodAsync(JsonObject pod, PodNetwork network, CancellationToken ct);

    /// <summary>The pod's current state, or null when the agent does not run it.</summary>
    PodRunState? GetPodState(string podUid);

    /// <summary>Stops the pod's containers (each given up to <paramref name="gracePeriod"/>) and removes its sandbox.
    /// Stopping a pod the agent does not run is a no-op.</summary>
    Task StopPodAsync(string podUid, TimeSpan gracePeriod, CancellationToken ct);

    /// <summary>Raised with the pod's uid when a container's state changes on its own (exits, becomes ready), so the
    /// kubelet writes the new status; the simulated agent never raises it.</summary>
    event Action<string>? PodStateChanged;
}
