// A node's UDP connection-tracking entries through the `conntrack` tool (conntrack-tools), run inside the node's
// namespace: list them, and delete the ones the proxy found stale. The proxy's IConntrack adapter sits above this
// (Kinet.Node does not reference the proxy).
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Kinet.Node.Nftables;

public sealed partial class NetnsConntrack(string netnsName)
{
    /// <summary>A UDP flow: original destination and port, and the reply's source (the endpoint after DNAT).</summary>
    public sealed record UdpFlow(IPAddress OriginalDestination, int OriginalDestinationPort, IPAddress ReplySource);

    public string Netns => netnsName;

    public async Task<IReadOnlyList<UdpFlow>> ListUdpAsync(AddressFamily family, CancellationToken ct)
    {
        var r = await NetnsTool.RunAsync(netnsName, "conntrack", ["-L", "-p", "udp", "-f", FamilyName(family)], null, ct).ConfigureAwait(false);
        if (r.ExitCode != 0) throw new InvalidOperationException($"conntrack -L in {netnsName}: {r.Stderr.Trim()}");
        return Parse(r.Stdout);
    }

    /// <summary>Deletes the UDP flows to <paramref name="originalDestination"/> (any when null) and
    /// <paramref name="originalDestinationPort"/> answered by <paramref name="replySource"/>; returns how many went.</summary>
    public async Task<int> DeleteUdpAsync(IPAddress? originalDestination, int originalDestinationPort, IPAddress replySource, CancellationToken ct)
    {
        List<string> args = ["-D", "-p", "udp", "-f", FamilyName(replySource.AddressFamily)];
        if (originalDestination is not null) args.AddRange(["--orig-dst", originalDestination.ToString()]);
        args.AddRange(["--orig-port-dst", originalDestinationPort.ToString(CultureInfo.InvariantCulture), "--reply-src", replySource.ToString()]);
        var r = await NetnsTool.RunAsync(netnsName, "conntrack", args, null, ct).ConfigureAwait(false);
        var deleted = DeletedCount().Match(r.Stderr);
        var n = deleted.Success ? int.Parse(deleted.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        // conntrack exits 1 when nothing matched ("0 flow entries have been deleted"): the flow went by itself.
        if (r.ExitCode != 0 && !(deleted.Success && n == 0))
            throw new InvalidOperationException($"conntrack {string.Join(' ', args)} in {netnsName}: {r.Stderr.Trim()}");
        return n;
    }

    /// <summary>`conntrack -L` lines: "udp 17 29 src=A dst=B sport=1 dport=2 [UNREPLIED] src=C dst=D sport=3 dport=4 ...";
    /// the first tuple is the original direction, the second the reply.</summary>
    internal static IReadOnlyList<UdpFlow> Parse(string output)
    {
        var flows = new List<UdpFlow>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0] != "udp") continue;
            var dst = Values(fields, "dst=");
            var dport = Values(fields, "dport=");
            var src = Values(fields, "src=");
            if (dst.Count < 1 || dport.Count < 1 || src.Count < 2) continue;
            if (!IPAddress.TryParse(dst[0], out var d) || !IPAddress.TryParse(src[1], out var s)
                || !int.TryParse(dport[0], NumberStyles.None, CultureInfo.InvariantCulture, out var p)) continue;
            flows.Add(new UdpFlow(d, p, s));
        }
        return flows;
    }

    private static List<string> Values(string[] fields, string prefix) =>
        fields.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).Select(f => f[prefix.Length..]).ToList();

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";

    [GeneratedRegex(@"(\d+) flow entries have been deleted")]
    private static partial Regex DeletedCount();
}
