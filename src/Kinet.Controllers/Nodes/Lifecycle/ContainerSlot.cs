// One container of a running pod as the kubelet tracks it across restarts: the current container (running or ended),
// the one before it (lastState), how many were made, why it waits (the kubelet's reason cache) and what its probes
// said about the current one. Fields are guarded by the owning PodRun's gate.
using System.Text.Json.Nodes;
using static Kinet.Controllers.Runtime.ObjectJson;

namespace Kinet.Controllers.Nodes.Lifecycle;

internal sealed class ContainerSlot
{
    public ContainerSlot(JsonObject spec, bool init)
    {
        Spec = spec;
        Init = init;
        Name = Str(spec["name"]);
        Image = ContainerImages.Normalize(Str(spec["image"]));
        ImageId = ContainerImages.ImageId(Str(spec["image"]));
        Sidecar = init && Str(spec["restartPolicy"]) == "Always";
        // Only regular containers and sidecars have probes (the API rejects them on other init containers).
        var probed = !init || Sidecar;
        Liveness = probed ? ProbeSpec.Read(spec, ProbeKind.Liveness) : null;
        Readiness = probed ? ProbeSpec.Read(spec, ProbeKind.Readiness) : null;
        Startup = probed ? ProbeSpec.Read(spec, ProbeKind.Startup) : null;
    }

    public JsonObject Spec { get; }
    public bool Init { get; }
    /// <summary>A restartable init container (restartPolicy Always): started in init order, then kept running beside the containers.</summary>
    public bool Sidecar { get; }
    public string Name { get; }
    public string Image { get; }
    public string ImageId { get; }
    public ProbeSpec? Liveness { get; }
    public ProbeSpec? Readiness { get; }
    public ProbeSpec? Startup { get; }

    public IContainerHandle? Handle { get; set; }
    public string ContainerId { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>How the current container ended; null while it runs or before the first.</summary>
    public ContainerExit? Exit { get; set; }
    public ContainerTermination? Previous { get; set; }
    /// <summary>Containers made so far (StartError ones included); restartCount is one less.</summary>
    public int Created { get; set; }
    public string? WaitingReason { get; set; }
    public string? WaitingMessage { get; set; }
    /// <summary>The startup probe succeeded (true at start when there is none).</summary>
    public bool StartupPassed { get; set; }
    /// <summary>The readiness result for the current container (true at start when there is no readiness probe).</summary>
    public bool ReadyResult { get; set; }
    /// <summary>Set by a liveness or startup probe that failed past its threshold: the container is to be killed.</summary>
    public string? KillMessage { get; set; }
    public ProbeWorker? ReadinessWorker { get; set; }

    public bool Running => Handle is not null && Exit is null;

    public bool Succeeded => Created > 0 && Exit is { ExitCode: 0 };

    public ContainerTermination? Current =>
        Exit is { } e ? new ContainerTermination(ContainerId, e.ExitCode, e.Reason, e.Message, StartedAt, e.FinishedAt) : null;

    /// <summary>The new container <paramref name="handle"/> replaces the current one.</summary>
    public void Started(IContainerHandle handle)
    {
        Previous = Current ?? Previous;
        Handle = handle;
        ContainerId = handle.Id;
        StartedAt = handle.StartedAt;
        Exit = null;
        Created++;
        WaitingReason = WaitingMessage = null;
        StartupPassed = Startup is null;
        ReadyResult = Readiness is null;
        KillMessage = null;
    }

    /// <summary>A container was made but its process did not start (StartError: exit code 128, as containerd reports it).</summary>
    public void FailedToStart(string containerId, string message, DateTimeOffset now)
    {
        Previous = Current ?? Previous;
        Handle = null;
        ContainerId = containerId;
        StartedAt = DateTimeOffset.UnixEpoch;
        Exit = new ContainerExit(128, ContainerStartException.StartError, now, message);
        Created++;
        WaitingReason = "RunContainerError";
        WaitingMessage = message;
        KillMessage = null;
    }

    public ContainerRunState Snapshot()
    {
        var restarts = Math.Max(0, Created - 1);
        if (Created == 0)
            return new ContainerRunState(Name, Image, ImageId, "", ContainerPhase.Waiting, false, default)
            {
                Reason = WaitingReason, Message = WaitingMessage, Started = false,
            };
        if (Running)
            return new ContainerRunState(Name, Image, ImageId, ContainerId, ContainerPhase.Running, (!Init || Sidecar) && StartupPassed && ReadyResult,
                StartedAt, restarts)
            {
                Started = (Init && !Sidecar) || StartupPassed, LastTermination = Previous,
            };
        var exit = Exit!;
        if (WaitingReason is not null)
            return new ContainerRunState(Name, Image, ImageId, ContainerId, ContainerPhase.Waiting, false, StartedAt, restarts)
            {
                Reason = WaitingReason, Message = WaitingMessage, Started = false, LastTermination = Current,
            };
        return new ContainerRunState(Name, Image, ImageId, ContainerId, ContainerPhase.Exited, Init && !Sidecar && exit.ExitCode == 0, StartedAt, restarts,
            exit.ExitCode, exit.FinishedAt)
        {
            Reason = exit.Reason, Message = exit.Message, Started = false, LastTermination = Previous,
        };
    }
}
