// Facts about the host that a Node reports (kubelet reads them from the machine): the caller gathers them, so that
// building Node objects stays pure. Every Kinet node shares the one host, as kind's node containers share theirs.
using System.Runtime.InteropServices;

namespace Kinet.Model.Cluster;

public sealed record NodeHostInfo
{
    /// <summary>Go's GOARCH spelling (amd64, arm64), as kubernetes.io/arch and nodeInfo.architecture use it.</summary>
    public required string Architecture { get; init; }

    public required int CpuCount { get; init; }

    /// <summary>MemTotal of /proc/meminfo, in KiB (capacity.memory "…Ki").</summary>
    public required long MemoryKi { get; init; }

    /// <summary>Size of the filesystem holding Kinet's state, in KiB (capacity.ephemeral-storage "…Ki").</summary>
    public required long EphemeralStorageKi { get; init; }

    /// <summary>uname -r.</summary>
    public required string KernelVersion { get; init; }

    /// <summary>PRETTY_NAME of /etc/os-release, e.g. "Debian GNU/Linux 12 (bookworm)".</summary>
    public required string OsImage { get; init; }

    /// <summary>/proc/sys/kernel/random/boot_id (shared by all nodes, as kind's containers share the host kernel's).</summary>
    public required string BootId { get; init; }

    /// <summary>Kinet's version; the node's container runtime shows as kinet://&lt;version&gt;.</summary>
    public required string KinetVersion { get; init; }

    public static string GoArch(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>PRETTY_NAME from the text of /etc/os-release ("Linux" when absent, as kubelet falls back).</summary>
    public static string OsImageFromOsRelease(string osRelease)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            var l = line.Trim();
            if (!l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) continue;
            var v = l["PRETTY_NAME=".Length..];
            return v.Length >= 2 && (v[0] == '"' || v[0] == '\'') && v[^1] == v[0] ? v[1..^1] : v;
        }
        return "Linux";
    }

    /// <summary>MemTotal in KiB from the text of /proc/meminfo; 0 when absent.</summary>
    public static long MemoryKiFromMemInfo(string memInfo)
    {
        foreach (var line in memInfo.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 0 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb : 0;
        }
        return 0;
    }
}
