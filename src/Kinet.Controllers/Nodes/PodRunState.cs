// What an agent reports about a pod it runs: the sandbox and each container, as the CRI's PodSandboxStatus and
// ContainerStatus carry them plus what the kubelet adds (the reason a container waits, its probe results), reduced to
// what pod status needs.
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
    DateTimeOffset? FinishedAt = null)
{
    /// <summary>Why the container waits (ContainerCreating, CrashLoopBackOff, CreateContainerConfigError, RunContainerError)
    /// or why it terminated (Completed, Error, StartError); null: the default for its phase.</summary>
    public string? Reason { get; init; }

    /// <summary>The waiting or terminated state's message (the back-off text, the runtime's error).</summary>
    public string? Message { get; init; }

    /// <summary>Whether the startup probe passed (containerStatuses[].started); null: started exactly while running.</summary>
    public bool? Started { get; init; }

    /// <summary>The previous container's end (containerStatuses[].lastState.terminated), if it ran before.</summary>
    public ContainerTermination? LastTermination { get; init; }
}

/// <summary>A container that ended: ContainerStateTerminated.</summary>
public sealed record ContainerTermination(
    string ContainerId,
    int ExitCode,
    string Reason,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt);

/// <summary>The sandbox id and the containers, init containers first in their own list.</summary>
public sealed record PodRunState(string SandboxId, IReadOnlyList<ContainerRunState> InitContainers, IReadOnlyList<ContainerRunState> Containers)
{
    /// <summary>True when the agent records the container events itself (Pulled, Created, Started, Killing on a liveness
    /// failure, BackOff, ...) as they happen; the kubelet controller then records none of its own for starts.</summary>
    public bool RecordsContainerEvents { get; init; }

    /// <summary>Value equality over the container lists (records compare lists by reference).</summary>
    public bool SameAs(PodRunState? other) =>
        other is not null && SandboxId == other.SandboxId && RecordsContainerEvents == other.RecordsContainerEvents &&
        InitContainers.SequenceEqual(other.InitContainers) && Containers.SequenceEqual(other.Containers);
}

/// <summary>The sandbox could not be created; the message is what the runtime said (the FailedCreatePodSandBox event's tail).</summary>
public sealed class PodStartException(string message, string? reason = null) : Exception(message)
{
    /// <summary>The kubelet's event reason when it is not a sandbox failure (FailedMount: a volume could not be set up;
    /// the message is then the whole event message); null for FailedCreatePodSandBox.</summary>
    public string? Reason { get; } = reason;
}
