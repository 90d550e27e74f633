// The cluster's runtime tmpfs at /run/kinet/<cluster>: container upper/work dirs, per-pod state and the pause binary
// live here, so no container ever writes into the host's files and a reboot or `kinet down` forgets all of it.
// Layout: bin/kinet-pause, bin/kinet-init, pods/<podId>/<containerId>/{upper,work,rootfs,fstab}.
using System.Runtime.InteropServices;
using Kinet.Node.Native;

namespace Kinet.Node.Processes;

public static class ContainerRuntimeRoot
{
    public const string Base = "/run/kinet";

    public static string PathFor(string cluster) => Path.Combine(Base, cluster);

    internal static string PausePath(string cluster) => Path.Combine(PathFor(cluster), "bin", "kinet-pause");

    internal static string InitPath(string cluster) => Path.Combine(PathFor(cluster), "bin", "kinet-init");

    internal static string PodDir(string cluster, string podId) => Path.Combine(PathFor(cluster), "pods", podId);

    /// <summary>Mounts the tmpfs (idempotent: an existing mount is reused) and installs the pause binary.</summary>
    public static Task MountAsync(string cluster)
    {
        CheckName(cluster);
        var root = PathFor(cluster);
        Directory.CreateDirectory(root);
        if (!IsMountPoint(root) &&
            ProcessNative.mount("tmpfs", root, "tmpfs", ProcessNative.MS_NOSUID | ProcessNative.MS_NODEV, "mode=0755") != 0)
            throw new IOException($"cannot mount the runtime tmpfs at {root}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        Directory.CreateDirectory(Path.Combine(root, "pods"));
        if (PauseBinary.Native)
        {
            Install(PausePath(cluster), PauseBinary.Image());
            Install(InitPath(cluster), InitBinary.Image());
        }
        return Task.CompletedTask;
    }

    private static void Install(string path, byte[] image)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, image);
        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Kills every pod of the cluster (found by their pause markers, so this works with no state, after a
    /// kill -9 of the daemon), then detaches the tmpfs and removes the directory. Idempotent.</summary>
    public static async Task UnmountAsync(string cluster)
    {
        CheckName(cluster);
        await PodSandbox.KillAllAsync(cluster).ConfigureAwait(false);
        var root = PathFor(cluster);
        // Lazy: container mount namespaces may still hold copies for a moment; the tmpfs is freed when the last goes.
        while (IsMountPoint(root) && ProcessNative.umount2(root, ProcessNative.MNT_DETACH) == 0) { }
        try { Directory.Delete(root, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    internal static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == full) return true;
        }
        return false;
    }

    private static string Unescape(string s) => s.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");

    private static void CheckName(string cluster)
    {
        if (cluster.Length == 0 || cluster.Contains('/') || cluster is "." or "..")
            throw new ArgumentException($"invalid cluster name \"{cluster}\"", nameof(cluster));
    }
}
