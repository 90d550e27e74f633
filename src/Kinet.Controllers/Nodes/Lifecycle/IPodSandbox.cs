// One pod's sandbox: starts its containers (CRI CreateContainer + StartContainer) and runs commands in them for exec
// probes. Disposing it removes the sandbox; the agent stops every container first.
using System.Text.Json.Nodes;

namespace Kinet.Controllers.Nodes.Lifecycle;

public interface IPodSandbox : IAsyncDisposable
{
    string Id { get; }

    /// <summary>Starts <paramref name="container"/> (a spec from the pod's containers or initContainers); this is its
    /// <paramref name="restartCount"/>-th restart. Throws <see cref="ContainerStartException"/> when the container cannot
    /// be configured (CreateContainerConfigError: nothing was created) or started (StartError: it exists and ended).</summary>
    Task<IContainerHandle> StartContainerAsync(JsonObject pod, JsonObject container, bool init, int restartCount, CancellationToken ct);

    /// <summary>Runs <paramref name="command"/> in the running container named <paramref name="container"/> (exec probes),
    /// killing it after <paramref name="timeout"/>.</summary>
    Task<ExecProbeResult> ExecAsync(string container, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct);
}
