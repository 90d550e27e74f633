// What the kubelet layer asks the process runtime to run: one container's argv, env, working dir, volumes (host
// directories the integrator prepared, bound at their targets), files written into its private layer before start
// (/etc/resolv.conf, /etc/hosts, /etc/hostname, profile files), stdio mode and the log file of this run.
namespace Kinet.Node.Processes;

public sealed record ContainerSpec(
    string Name,
    IReadOnlyList<string> Argv,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    string? WorkingDir,
    IReadOnlyList<BindMount> Mounts,
    IReadOnlyList<ContainerFile> Files,
    bool Stdin,
    bool StdinOnce,
    bool Tty,
    string LogPath);

/// <summary>A host path (directory or file) bound at <paramref name="Target"/> inside the container.</summary>
public sealed record BindMount(string Source, string Target, bool ReadOnly);

/// <summary>A file (or, with <paramref name="SymlinkTarget"/>, a symlink) placed in the container's private layer.</summary>
public sealed record ContainerFile(string Path, byte[]? Content, string? SymlinkTarget, int Mode);
