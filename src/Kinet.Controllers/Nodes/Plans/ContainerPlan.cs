// One container's process as a container runtime would start it from the image and the pod spec: argv after image
// ENTRYPOINT/CMD and $(VAR) expansion, the full environment in the order the process sees it, mounts, and what of the
// image Kinet provides (a layer of files, or a server the daemon runs itself instead of a program).
namespace Kinet.Controllers.Nodes.Plans;

public sealed record ContainerPlan(
    string Name,
    string Image,
    ImageProfile Profile,
    IReadOnlyList<string> Argv,
    IReadOnlyList<EnvVar> Env,
    string WorkingDir,
    IReadOnlyList<ContainerMount> Mounts,
    IReadOnlyList<ContainerPortPlan> Ports)
{
    public bool Stdin { get; init; }
    public bool StdinOnce { get; init; }
    public bool Tty { get; init; }

    /// <summary>Container-level restartPolicy ("Always" marks an init container as a sidecar), null when unset.</summary>
    public string? RestartPolicy { get; init; }

    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }

    /// <summary>The image's STOPSIGNAL (nginx: SIGQUIT), SIGTERM when the image declares none.</summary>
    public string StopSignal => Profile.StopSignal;

    /// <summary>The image's files Kinet lays over the host's root (same for every container of the profile).</summary>
    public ImageLayer Layer => Profile.Layer;

    /// <summary>
    /// Set when the daemon serves this container itself (agnhost subcommands, the generic responder, pause): the agent
    /// runs a cheap holder process for the container's lifetime instead of <see cref="Argv"/>.
    /// </summary>
    public BuiltinServer? Builtin { get; init; }

    /// <summary>The layer's files a volume mount does not hide (nginx keeps its log symlinks only without a volume at
    /// /var/log/nginx, its welcome page only without one at /usr/share/nginx/html).</summary>
    public IEnumerable<PlannedFile> VisibleLayerFiles =>
        Layer.Files.Where(f => !Mounts.Any(m => Under(f.Path, m.MountPath)));

    public string? EnvValue(string name) => Env.LastOrDefault(e => e.Name == name)?.Value;

    private static bool Under(string path, string mountPath)
    {
        var root = mountPath.TrimEnd('/');
        return root.Length == 0 || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
    }
}

public sealed record EnvVar(string Name, string Value)
{
    public override string ToString() => Name + "=" + Value;
}

/// <summary>A volume mounted into the container; SubPath is already expanded from subPathExpr.</summary>
public sealed record ContainerMount(string VolumeName, string MountPath, string SubPath, bool ReadOnly, string? Propagation = null);

public sealed record ContainerPortPlan(string? Name, int Port, string Protocol, int? HostPort = null, string? HostIP = null);

public enum BuiltinKind
{
    /// <summary>Only hold the container (pause images, agnhost pause).</summary>
    Pause,
    /// <summary>An agnhost subcommand (netexec, serve-hostname, porter) with its arguments.</summary>
    Agnhost,
    /// <summary>Kinet's responder on each declared containerPort: HTTP answers with the pod's identity, other ports echo.</summary>
    Responder,
}

public sealed record BuiltinServer(BuiltinKind Kind, string Subcommand, IReadOnlyList<string> Args, IReadOnlyList<ContainerPortPlan> Ports);
