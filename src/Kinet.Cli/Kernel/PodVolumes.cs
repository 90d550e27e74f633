// A pod's volumes on the host, as the kubelet's volume plugins set them up under /var/lib/kubelet/pods/<uid>/volumes:
// emptyDir is a directory on the cluster's tmpfs, file-set volumes (configMap, secret, downwardAPI, projected) are their
// files written there with their modes, hostPath is the host's path after the kubelet's type check. Containers bind them.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Cli.Kernel;

internal sealed class PodVolumeException(string message) : Exception(message);

internal static class PodVolumes
{
    /// <summary>Makes every volume of the plan under <paramref name="root"/>; returns volume name → host path.</summary>
    public static IReadOnlyDictionary<string, string> Create(string root, IReadOnlyList<VolumePlan> volumes)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in volumes)
        {
            switch (v)
            {
                case HostPathVolume h:
                    paths[v.Name] = HostPath(h);
                    break;
                case FileSetVolume f:
                    var dir = Dir(root, v.Name);
                    Write(dir, f.Files);
                    paths[v.Name] = dir;
                    break;
                default: // emptyDir; a claim gets a directory of its own too (there is no storage provisioner)
                    paths[v.Name] = Dir(root, v.Name);
                    break;
            }
        }
        return paths;
    }

    /// <summary>Rewrites a file-set volume's files (ConfigMap or downward API changed), as the kubelet's periodic sync does.</summary>
    public static void Write(string dir, IReadOnlyList<ProjectedFile> files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(dir, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
            File.SetUnixFileMode(path, (UnixFileMode)file.Mode);
        }
    }

    private static string Dir(string root, string name)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        // emptyDir is world-writable (0777), as the kubelet makes it, so containers running as any user can write.
        File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        return dir;
    }

    private static string HostPath(HostPathVolume h)
    {
        var found = Directory.Exists(h.Path) ? HostFileKind.Directory
            : File.Exists(h.Path) ? (new FileInfo(h.Path).Attributes.HasFlag(FileAttributes.Device) ? HostFileKind.CharDevice : HostFileKind.File)
            : HostFileKind.Missing;
        var decision = HostPathCheck.Decide(h.Type, h.Path, found);
        if (decision.Error is { } error) throw new PodVolumeException($"MountVolume.SetUp failed for volume \"{h.Name}\" : {error}");
        if (decision.Action == HostPathAction.CreateDirectory) Directory.CreateDirectory(h.Path);
        if (decision.Action == HostPathAction.CreateFile) File.WriteAllBytes(h.Path, []);
        // No type: nothing is checked, and the runtime creates a missing source directory for the bind (containerd does).
        if (found == HostFileKind.Missing && decision.Action == HostPathAction.None) Directory.CreateDirectory(h.Path);
        return h.Path;
    }
}
