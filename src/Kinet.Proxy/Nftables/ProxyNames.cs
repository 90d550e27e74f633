// Every table, chain, set and map name the proxy writes, computed by one documented function each, as kube-proxy's
// nftables mode names them (pkg/proxy/nftables/proxier.go): fixed names for the shared layout, and per Service port
// "<prefix><HASH8>-<ns>/<name>/<proto>/<port>" (per endpoint "...__<ip>/<port>"), where HASH8 is the first 8
// characters of the base32 SHA-256 of the rest, so names stay unique and visually distinct; names that would exceed
// nft's 256-character limit are cut to 240 with "..." (the hash keeps them unique).
using System.Security.Cryptography;
using System.Text;
using Kinet.Model.Services;

namespace Kinet.Proxy.Nftables;

public static class ProxyNames
{
    public const string TableName = "kube-proxy";

    // Base chains, "<type>-<hook>".
    public const string FilterPrerouting = "filter-prerouting";
    public const string FilterInput = "filter-input";
    public const string FilterForward = "filter-forward";
    public const string FilterOutput = "filter-output";
    public const string FilterOutputPostDnat = "filter-output-post-dnat";
    public const string NatPrerouting = "nat-prerouting";
    public const string NatOutput = "nat-output";
    public const string NatPostrouting = "nat-postrouting";

    // Service dispatch.
    public const string ServicesChain = "services";
    public const string ServiceIPsMap = "service-ips";
    public const string ServiceNodePortsMap = "service-nodeports";
    public const string NodePortIPsSet = "nodeport-ips";
    public const string ClusterIPsSet = "cluster-ips";

    // Services without endpoints, unallocated cluster IPs, LoadBalancerSourceRanges.
    public const string ServiceEndpointsCheckChain = "service-endpoints-check";
    public const string NodePortEndpointsCheckChain = "nodeport-endpoints-check";
    public const string NoEndpointServicesMap = "no-endpoint-services";
    public const string NoEndpointNodePortsMap = "no-endpoint-nodeports";
    public const string RejectChain = "reject-chain";
    public const string ClusterIPsCheckChain = "cluster-ips-check";
    public const string FirewallIPsMap = "firewall-ips";
    public const string FirewallCheckChain = "firewall-check";

    // Masquerading.
    public const string MarkMasqChain = "mark-for-masquerade";
    public const string MasqueradingChain = "masquerading";

    /// <summary>kube-proxy's masquerade bit 14.</summary>
    public const string MasqueradeMark = "0x4000";

    public const string ClusterPolicyPrefix = "service-";
    public const string LocalPolicyPrefix = "local-";
    public const string ExternalPrefix = "external-";
    public const string FirewallPrefix = "firewall-";
    public const string EndpointPrefix = "endpoint-";
    public const string AffinityPrefix = "affinity-";

    /// <summary>nft's limit on names (knftables' NameLengthMax).</summary>
    public const int NameLengthMax = 256;

    /// <summary>The longest prefix ("external-" and friends, with room to spare), as upstream reserves it.</summary>
    public const int PrefixLengthMax = 16;

    public const int BaseLengthMax = NameLengthMax - PrefixLengthMax;

    /// <summary>"ULMVA6XW-ns1/svc1/tcp/p80": the hashed base of every per-Service-port name.</summary>
    public static string ServicePortBase(ServicePortName name) =>
        HashAndTruncate($"{name.Namespace}/{name.Name}/{name.LowerProtocol}/{name.Port}");

    /// <summary>"5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80": the hashed base of an endpoint's chain and affinity set
    /// (an IPv6 address has its colons replaced by dots, which nft names allow).</summary>
    public static string EndpointBase(ServicePortName name, EndpointInfo endpoint) =>
        HashAndTruncate($"{name.Namespace}/{name.Name}/{name.LowerProtocol}/{name.Port}__{endpoint.Address.ToString().Replace(':', '.')}/{endpoint.Port}");

    public static string ClusterPolicyChain(ServicePortName name) => ClusterPolicyPrefix + ServicePortBase(name);

    public static string LocalPolicyChain(ServicePortName name) => LocalPolicyPrefix + ServicePortBase(name);

    public static string ExternalChain(ServicePortName name) => ExternalPrefix + ServicePortBase(name);

    public static string FirewallChain(ServicePortName name) => FirewallPrefix + ServicePortBase(name);

    public static string EndpointChain(ServicePortName name, EndpointInfo endpoint) => EndpointPrefix + EndpointBase(name, endpoint);

    public static string AffinitySet(ServicePortName name, EndpointInfo endpoint) => AffinityPrefix + EndpointBase(name, endpoint);

    /// <summary>Whether a chain is one of the per-Service-port ones (they, and only they, contain a '/').</summary>
    public static bool IsServiceChain(string chain) => chain.Contains('/', StringComparison.Ordinal);

    /// <summary>Prefixes <paramref name="name"/> with the first 8 characters of the base32 (RFC 4648) SHA-256 of itself
    /// and cuts the result to <see cref="BaseLengthMax"/> with a trailing "...".</summary>
    public static string HashAndTruncate(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var result = Base32Prefix(hash, 8) + "-" + name;
        return result.Length > BaseLengthMax ? result[..(BaseLengthMax - 3)] + "..." : result;
    }

    private static string Base32Prefix(byte[] data, int chars)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new StringBuilder(chars);
        int buffer = 0, bits = 0, index = 0;
        while (sb.Length < chars)
        {
            if (bits < 5)
            {
                buffer = (buffer << 8) | data[index++];
                bits += 8;
            }
            sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return sb.ToString();
    }
}
