// What the kubelet would run for one pod, decided without touching the host: the sandbox's identity files, the pod's
// volumes and each container's process. The node agent turns it into namespaces, mounts, files and processes.
namespace Kinet.Controllers.Nodes.Plans;

public sealed record PodPlan(
    string Hostname,
    string? Fqdn,
    IReadOnlyList<PlannedFile> Files,
    IReadOnlyList<VolumePlan> Volumes,
    IReadOnlyList<ContainerPlanResult> InitContainers,
    IReadOnlyList<ContainerPlanResult> Containers,
    IReadOnlyList<PlanWarning> Warnings)
{
    /// <summary>spec.ephemeralContainers (kubectl debug), planned like the others.</summary>
    public IReadOnlyList<ContainerPlanResult> EphemeralContainers { get; init; } = [];

    /// <summary>
    /// The pod files (/etc/hosts, /etc/resolv.conf, /etc/hostname) a container gets: like the kubelet and containerd, a
    /// container that mounts a volume at one of those paths keeps its own.
    /// </summary>
    public IReadOnlyList<PlannedFile> FilesFor(ContainerPlan container) =>
        Files.Where(f => !container.Mounts.Any(m => m.MountPath.TrimEnd('/') == f.Path)).ToList();

    public VolumePlan? Volume(string name) => Volumes.FirstOrDefault(v => v.Name == name);
}

/// <summary>An event the kubelet would record on the pod while preparing it (type Warning).</summary>
public sealed record PlanWarning(string Reason, string Message);
