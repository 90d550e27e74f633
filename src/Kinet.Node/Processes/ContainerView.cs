// The container's filesystem as a process inside will see it, computed on the host before start: the spec's files
// (in the upper dir) shadow everything, bind mounts shadow the host below their target, the rest is the host's root.
// Used to resolve argv[0] along the container's PATH the way runc does, so a missing program fails at start with
// containerd's message instead of an exit code.
namespace Kinet.Node.Processes;

internal sealed class ContainerView(ContainerSpec spec, string upper)
{
    /// <summary>runc's (and Go's) PATH when the container's env has none.</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Where <paramref name="containerPath"/> (absolute, normalized) lives on the host.</summary>
    public string HostPath(string containerPath)
    {
        var inUpper = upper + containerPath;
        if (File.Exists(inUpper) || Directory.Exists(inUpper) || IsLink(inUpper)) return inUpper;
        BindMount? best = null;
        foreach (var m in spec.Mounts)
        {
            var t = ContainerRootfs.Normalize(m.Target);
            if ((containerPath == t || containerPath.StartsWith(t + "/", StringComparison.Ordinal)) && (best is null || t.Length > ContainerRootfs.Normalize(best.Target).Length))
                best = m;
        }
        if (best is not null) return best.Source.TrimEnd('/') + containerPath[ContainerRootfs.Normalize(best.Target).Length..];
        return containerPath;
    }

    public bool Exists(string containerPath)
    {
        var p = HostPath(containerPath);
        return File.Exists(p) || Directory.Exists(p);
    }

    /// <summary>Resolves argv[0] like runc: a name with a slash is taken as is, else searched along PATH.</summary>
    public static string Resolve(string program, IEnumerable<KeyValuePair<string, string>> env, Func<string, (bool Exists, bool Executable)> probe)
    {
        if (program.Contains('/'))
        {
            var (exists, executable) = probe(program.StartsWith('/') ? program : "/" + program);
            if (!exists) throw ContainerStartException.NotFound(program, inPath: false);
            if (!executable) throw ContainerStartException.NotExecutable(program);
            return program;
        }
        var path = env.LastOrDefault(e => e.Key == "PATH").Value ?? DefaultPath;
        foreach (var dir in path.Split(':'))
        {
            var candidate = (dir.Length == 0 ? "." : dir).TrimEnd('/') + "/" + program;
            if (!candidate.StartsWith('/')) continue;
            var (exists, executable) = probe(ContainerRootfs.Normalize(candidate));
            if (exists && executable) return candidate;
        }
        throw ContainerStartException.NotFound(program, inPath: true);
    }

    public (bool Exists, bool Executable) Probe(string containerPath)
    {
        for (var hops = 0; hops < 16; hops++)
        {
            var host = HostPath(containerPath);
            var info = new FileInfo(host);
            if (info.LinkTarget is { } link && host.StartsWith(upper, StringComparison.Ordinal))
            {
                // A symlink the spec placed: resolve it in the container's view, not the host's.
                containerPath = ContainerRootfs.Normalize(link.StartsWith('/') ? link : Path.GetDirectoryName(containerPath) + "/" + link);
                continue;
            }
            return ProbeHost(host);
        }
        return (false, false);
    }

    public static (bool Exists, bool Executable) ProbeHost(string host)
    {
        if (!File.Exists(host)) return (false, false);
        var mode = File.GetUnixFileMode(host);
        return (true, (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
    }

    private static bool IsLink(string p) => new FileInfo(p).LinkTarget is not null;
}
