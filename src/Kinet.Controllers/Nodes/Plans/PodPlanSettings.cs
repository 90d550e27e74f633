// What the planner knows about the node and the pod's sandbox besides the pod object: the kubelet's DNS settings
// (--cluster-domain, --cluster-dns, --resolv-conf), the node, the addresses the sandbox got, and the host programs
// the image profiles point at.
namespace Kinet.Controllers.Nodes.Plans;

public sealed record PodPlanSettings
{
    public string ClusterDomain { get; init; } = "cluster.local";
    public IReadOnlyList<string> ClusterDns { get; init; } = ["10.96.0.10"];

    /// <summary>The text of the file --resolv-conf names; null is --resolv-conf="" (the kubelet then points Default
    /// pods at 127.0.0.1 with search ".").</summary>
    public string? HostResolvConf { get; init; } = "";

    /// <summary>The node's /etc/hosts, which hostNetwork pods get behind the "(host network)" header.</summary>
    public string NodeHostsFile { get; init; } = "127.0.0.1\tlocalhost\n";

    public string NodeName { get; init; } = "";
    public IReadOnlyList<string> PodIPs { get; init; } = [];
    public IReadOnlyList<string> HostIPs { get; init; } = [];

    /// <summary>The node's status.allocatable (cpu, memory, ephemeral-storage), which resourceFieldRef reads for unset limits.</summary>
    public IReadOnlyDictionary<string, string> NodeAllocatable { get; init; } = new Dictionary<string, string>();

    /// <summary>The kinet executable, which the agnhost profile's /agnhost runs as `kinet agnhost ...`.</summary>
    public string KinetExecutable { get; init; } = "/usr/local/bin/kinet";

    public string BusyboxPath { get; init; } = "/usr/bin/busybox";

    /// <summary>`busybox --list` of the host's busybox.</summary>
    public IReadOnlyList<string> BusyboxApplets { get; init; } = [];

    /// <summary>Where the busybox profile links every applet: all PATH directories that may hold a host program of the
    /// same name (on a merged-/usr host /bin and /sbin are /usr/bin and /usr/sbin).</summary>
    public IReadOnlyList<string> BusyboxDirs { get; init; } = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin"];

    /// <summary>Whether a program is on the host's PATH (netshoot's zsh falls back to bash without it).</summary>
    public Func<string, bool> HostHasProgram { get; init; } = _ => true;

    /// <summary>The agnhost subcommands the daemon serves itself; others run as `kinet agnhost ...`.</summary>
    public IReadOnlySet<string> AgnhostServed { get; init; } = new HashSet<string> { "netexec", "serve-hostname", "porter", "pause" };

    /// <summary>These settings for a pod whose sandbox got <paramref name="network"/>.</summary>
    public PodPlanSettings For(PodNetwork network) => this with
    {
        NodeName = network.NodeName,
        PodIPs = network.PodIPs.Select(ip => ip.ToString()).ToList(),
        HostIPs = network.HostIPs.Select(ip => ip.ToString()).ToList(),
    };
}
