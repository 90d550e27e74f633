// Prepares one container run's filesystem on the cluster tmpfs, from .NET without spawning anything: the overlay's
// upper dir with the spec's files (parents copy the host directory's mode so /tmp stays 1777), mountpoints for
// volumes that do not exist in the host view, the working dir, and the fstab that `mount -a` applies inside the
// container's new mount namespace: overlay (lowerdir=/) at rootfs, a fresh /proc of the pod's PID namespace, /dev
// bound, a private /dev/shm, a fresh read-only /sys (of the pod's network namespace), then the binds in order.
using System.Text;

namespace Kinet.Node.Processes;

internal sealed class ContainerRootfs
{
    public ContainerRootfs(string dir, ContainerSpec spec)
    {
        Dir = dir;
        Spec = spec;
    }

    public string Dir { get; }
    public ContainerSpec Spec { get; }
    public string Upper => Path.Combine(Dir, "upper");
    public string Work => Path.Combine(Dir, "work");
    public string Root => Path.Combine(Dir, "rootfs");
    public string Fstab => Path.Combine(Dir, "fstab");

    public void Create()
    {
        Directory.CreateDirectory(Upper);
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Root);
        foreach (var file in Spec.Files) WriteFile(file);
        for (var i = 0; i < Spec.Mounts.Count; i++)
        {
            // The mountpoint as the container sees it just before this mount: the upper layer, the host, or inside
            // an earlier volume (then it is made there, as runc makes mountpoints inside a mounted volume).
            var mount = Spec.Mounts[i];
            var target = Normalize(mount.Target);
            var before = new ContainerView(Spec with { Mounts = Spec.Mounts.Take(i).ToList() }, Upper);
            var host = before.HostPath(target);
            if (File.Exists(host) || Directory.Exists(host)) continue;
            var inVolume = host != target && !host.StartsWith(Upper, StringComparison.Ordinal);
            var path = inVolume ? host : MakeParents(target);
            if (inVolume) Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (Directory.Exists(mount.Source)) Directory.CreateDirectory(path);
            else File.WriteAllBytes(path, []);
        }
        var view = new ContainerView(Spec, Upper);
        if (Spec.WorkingDir is { Length: > 0 } wd && !view.Exists(Normalize(wd)))
            Directory.CreateDirectory(view.HostPath(Normalize(wd)) is var h && h != Normalize(wd) && !h.StartsWith(Upper, StringComparison.Ordinal)
                ? h : MakeParents(Normalize(wd)));
        File.WriteAllText(Fstab, RenderFstab());
    }

    /// <summary>The same mounts as mount(2) calls for kinet-init: (source, target, fstype, hex flags, data), with the
    /// propagation made private first and read-only binds as a bind plus a read-only remount.</summary>
    public IEnumerable<string[]> MountCalls()
    {
        const int RDONLY = 0x1, NOSUID = 0x2, NODEV = 0x4, NOEXEC = 0x8, REMOUNT = 0x20, BIND = 0x1000, REC = 0x4000, PRIVATE = 0x40000;
        static string[] Call(string source, string target, string type, int flags, string data) => [source, target, type, flags.ToString("x"), data];
        yield return Call("none", "/", "none", REC | PRIVATE, "");
        yield return Call("overlay", Root, "overlay", 0, $"lowerdir=/,upperdir={Upper},workdir={Work}");
        yield return Call("proc", Root + "/proc", "proc", NOSUID | NODEV | NOEXEC, "");
        yield return Call("/dev", Root + "/dev", "none", BIND | REC, "");
        yield return Call("shm", Root + "/dev/shm", "tmpfs", NOSUID | NODEV | NOEXEC, "mode=1777,size=65536k");
        yield return Call("sysfs", Root + "/sys", "sysfs", RDONLY | NOSUID | NODEV | NOEXEC, "");
        foreach (var m in Spec.Mounts)
        {
            var target = Root + Normalize(m.Target);
            yield return Call(m.Source, target, "none", BIND | REC, "");
            if (m.ReadOnly) yield return Call("none", target, "none", REMOUNT | BIND | RDONLY, "");
        }
    }

    public string RenderFstab()
    {
        var sb = new StringBuilder();
        void Line(string source, string target, string type, string options) =>
            sb.Append(Escape(source)).Append(' ').Append(Escape(target)).Append(' ').Append(type).Append(' ').Append(options).Append(" 0 0\n");
        Line("overlay", Root, "overlay", $"lowerdir=/,upperdir={Upper},workdir={Work}");
        Line("proc", Root + "/proc", "proc", "nosuid,nodev,noexec");
        Line("/dev", Root + "/dev", "none", "rbind");
        Line("shm", Root + "/dev/shm", "tmpfs", "nosuid,nodev,noexec,mode=1777,size=65536k");
        Line("sysfs", Root + "/sys", "sysfs", "ro,nosuid,nodev,noexec");
        foreach (var m in Spec.Mounts)
            Line(m.Source, Root + Normalize(m.Target), "none", m.ReadOnly ? "bind,ro" : "bind");
        return sb.ToString();
    }

    private void WriteFile(ContainerFile file)
    {
        var path = MakeParents(Normalize(file.Path));
        if (File.Exists(path) || Directory.Exists(path)) File.Delete(path);
        if (file.SymlinkTarget is not null)
        {
            File.CreateSymbolicLink(path, file.SymlinkTarget);
            return;
        }
        File.WriteAllBytes(path, file.Content ?? []);
        File.SetUnixFileMode(path, (UnixFileMode)(file.Mode & 0xfff));
    }

    /// <summary>Creates the upper-dir parents of <paramref name="containerPath"/> with the host directory's mode (the
    /// overlay shows the upper dir's attributes), and returns the upper path.</summary>
    private string MakeParents(string containerPath)
    {
        var parts = containerPath.Trim('/').Split('/');
        var upper = Upper;
        var host = "/";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            upper = Path.Combine(upper, parts[i]);
            host = Path.Combine(host, parts[i]);
            if (Directory.Exists(upper)) continue;
            Directory.CreateDirectory(upper);
            if (Directory.Exists(host)) File.SetUnixFileMode(upper, File.GetUnixFileMode(host));
        }
        return Path.Combine(upper, parts[^1]);
    }

    /// <summary>An absolute, clean container path: "." dropped and ".." never above the root, so nothing written for
    /// the container can land outside its upper dir.</summary>
    internal static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    private static string Escape(string s) => s.Replace("\\", "\\134").Replace(" ", "\\040").Replace("\t", "\\011").Replace("\n", "\\012");
}
