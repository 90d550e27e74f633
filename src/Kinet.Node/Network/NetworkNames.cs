// Every kernel object name of a cluster network, decided here and documented (like Mininet's h1-eth0), so a person or
// `kinet down` can find each object from the cluster name alone:
//   netns   kinet-<cluster>-<node>             a node           (netns names have no length limit)
//   netns   kinet-<cluster>-pod-<podId>        a pod
//   link    kinet-<cluster>                    the underlay bridge in the root ns; kinet-<8 hex of sha256(cluster)>
//                                              when longer than 15 chars (IFNAMSIZ)
//   link    kv<12 hex of sha256(cluster/node)> the root end of a node's veth (node end: eth0)
//   link    veth<11 hex of sha256(podId)>      the node end of a pod's veth, on cni0 (pod end: eth0)
//   alias   kinet/<cluster>/underlay, kinet/<cluster>/node/<node>: on every root-ns link, so discovery never depends
//           on the (possibly hashed) short name.
// MAC addresses of the bridges and VTEPs are derived the same way (locally administered 02:...), so a restarted daemon
// computes the remote VTEP MACs without asking the other nodes.
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kinet.Node.Network;

public static partial class NetworkNames
{
    public const string NetnsDirectory = "/run/netns";
    private const int IfNameMax = 15;

    public static string NodeNetns(string cluster, string node) => $"kinet-{cluster}-{node}";

    public static string PodNetns(string cluster, string podId) => $"kinet-{cluster}-pod-{podId}";

    public static string NetnsPath(string netns) => $"{NetnsDirectory}/{netns}";

    /// <summary>The prefix every netns of the cluster starts with (nodes and pods).</summary>
    public static string NetnsPrefix(string cluster) => $"kinet-{cluster}-";

    public static string PodNetnsPrefix(string cluster) => $"kinet-{cluster}-pod-";

    public static string Bridge(string cluster)
    {
        var name = $"kinet-{cluster}";
        return name.Length <= IfNameMax ? name : "kinet-" + Hex(cluster, 8);
    }

    public static string NodeVeth(string cluster, string node) => "kv" + Hex($"{cluster}/{node}", 12);

    public static string PodVeth(string podId) => "veth" + Hex(podId, 11);

    public static string AliasPrefix(string cluster) => $"kinet/{cluster}/";

    public static string BridgeAlias(string cluster) => $"kinet/{cluster}/underlay";

    public static string NodeAlias(string cluster, string node) => $"kinet/{cluster}/node/{node}";

    public static string BridgeMac(string cluster) => Mac($"bridge/{cluster}");

    public static string CniMac(string cluster, string node) => Mac($"cni0/{cluster}/{node}");

    public static string VtepMac(string cluster, string node) => Mac($"vtep/{cluster}/{node}");

    public static void ValidateCluster(string cluster)
    {
        if (!ClusterName().IsMatch(cluster))
            throw new ArgumentException($"cluster name '{cluster}' must be 1-63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit");
    }

    public static void ValidateNode(string node)
    {
        if (!NodeName().IsMatch(node) || node.StartsWith("pod-", StringComparison.Ordinal))
            throw new ArgumentException($"node name '{node}' must be a DNS subdomain (lowercase letters, digits, '-', '.') not starting with 'pod-'");
    }

    public static void ValidatePodId(string podId)
    {
        if (!PodIdPattern().IsMatch(podId))
            throw new ArgumentException($"pod id '{podId}' must be 1-200 letters, digits, '-', '_' or '.'");
    }

    private static string Hex(string input, int chars) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..chars];

    private static string Mac(string input)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return $"02:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}:{hash[3]:x2}:{hash[4]:x2}";
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$")]
    private static partial Regex ClusterName();

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$")]
    private static partial Regex NodeName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,200}$")]
    private static partial Regex PodIdPattern();
}
