// What an agent reports about a pod it runs: the sandbox and each container, as the CRI's PodSandboxStatus and
// ContainerStatus carry them, reduced to what pod status needs.
namespace Kinet.Controllers.Nodes;

public enum ContainerPhase { Waiting, Running, Exited }

public sealed record ContainerRunState(
    string Name,
    string Image,
    string ImageId,
    string ContainerId,
    ContainerPhase Phase,
    bool Ready,
    DateTimeOffset StartedAt,
    int RestartCount = 0,
    int ExitCode = 0,
    DateTimeOffset? FinishedAt = null);

/// <summary>The sandbox id and the containers, init containers first in their own list.</summary>
public sealed record PodRunState(string SandboxId, IReadOnlyList<ContainerRunState> InitContainers, IReadOnlyList<ContainerRunState> Containers);

/// <summary>The sandbox could not be created; the message is what the runtime said (the FailedCreatePodSandBox event's tail).</summary>
public sealed class PodStartException(string message) : Exception(message);
