// The names kube-proxy's iptables mode gives its per-Service chains (pkg/proxy/iptables/proxier.go portProtoHash and
// servicePortEndpointChainName): a prefix plus the first 16 characters of base32(sha256(input)), where the input is
// "ns/name:port" + the lower-case protocol (+ "ip:port" for an endpoint chain). iptables chain names must stay within
// 28 characters, hence the hash. Decided here once; the rule families only call these.
using System.Security.Cryptography;
using System.Text;
using Kinet.Model.Services;

namespace Kinet.Proxy.Views.Iptables;

public static class IptablesChainNames
{
    /// <summary>KUBE-SVC-*: dispatches to the endpoints used with the Cluster traffic policy.</summary>
    public static string Service(ServicePortName name) => "KUBE-SVC-" + PortProtoHash(name);

    /// <summary>KUBE-SVL-*: dispatches to this node's endpoints (Local traffic policies).</summary>
    public static string Local(ServicePortName name) => "KUBE-SVL-" + PortProtoHash(name);

    /// <summary>KUBE-FW-*: loadBalancerSourceRanges filtering.</summary>
    public static string Firewall(ServicePortName name) => "KUBE-FW-" + PortProtoHash(name);

    /// <summary>KUBE-EXT-*: traffic to NodePorts, external IPs and load-balancer IPs.</summary>
    public static string External(ServicePortName name) => "KUBE-EXT-" + PortProtoHash(name);

    /// <summary>KUBE-SEP-*: masquerades hairpin traffic and DNATs to one endpoint.</summary>
    public static string Endpoint(ServicePortName name, EndpointInfo endpoint) =>
        "KUBE-SEP-" + Hash16(name.ToString() + name.LowerProtocol + endpoint.Key);

    internal static string PortProtoHash(ServicePortName name) => Hash16(name.ToString() + name.LowerProtocol);

    /// <summary>The first 16 characters of the RFC 4648 base32 encoding (Go's base32.StdEncoding) of sha256(input):
    /// 16 characters of 5 bits need only the first 10 bytes of the hash.</summary>
    internal static string Hash16(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        var text = new StringBuilder(16);
        ulong buffer = 0;
        var bits = 0;
        for (var i = 0; text.Length < 16; i++)
        {
            buffer = (buffer << 8) | hash[i];
            bits += 8;
            while (bits >= 5 && text.Length < 16)
            {
                bits -= 5;
                text.Append(alphabet[(int)((buffer >> bits) & 31)]);
            }
        }
        return text.ToString();
    }
}
