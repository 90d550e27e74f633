// kind's `networking` section (plus Kinet's kinet* extensions), with kind's validation messages where kind has them.
using System.Net;
using YamlDotNet.RepresentationModel;
using static Kinet.Model.Cluster.ConfigYaml;

namespace Kinet.Model.Cluster;

internal sealed class NetworkingReader(List<string> warnings)
{
    public void Read(YamlNode value, ref ClusterSpec spec, out bool underlaySet, out bool poolSet)
    {
        underlaySet = poolSet = false;
        if (IsNull(value)) return;
        foreach (var (key, v) in Entries(Mapping(value, "networking"), "networking"))
        {
            var field = $"networking.{key}";
            switch (key)
            {
                case "ipFamily": IpFamily(v, field); break;
                case "podSubnet": if (String(v, field) is { Length: > 0 }) spec = spec with { PodSubnet = PodSubnet(v, field, spec.NodeCidrPrefixLength) }; break;
                case "serviceSubnet": if (String(v, field) is { Length: > 0 }) spec = spec with { ServiceSubnet = ServiceSubnet(v, field) }; break;
                case "kubeProxyMode": spec = spec with { KubeProxyMode = ProxyMode(v, field) }; break;
                case "disableDefaultCNI":
                    var disable = Bool(v, field);
                    if (disable) warnings.Add($"{field}: Kinet's own pod network stays on (a CNI installed into the cluster does not run)");
                    spec = spec with { DisableDefaultCni = disable };
                    break;
                case "apiServerPort": spec = spec with { ApiServerPort = Port(v, field) }; break;
                case "apiServerAddress":
                    if (String(v, field) is { Length: > 0 } address && address != "127.0.0.1")
                        warnings.Add($"ignoring {field}: {address}: Kinet's API server listens on 127.0.0.1 only");
                    break;
                case "dnsSearch": if (HasContent(v)) warnings.Add($"ignoring {field}: no meaning in Kinet"); break;
                case "kinetMode": spec = spec with { PodNetworkMode = Mode(v, field) }; break;
                case "kinetUnderlaySubnet":
                    spec = spec with { UnderlaySubnet = Cidr(v, field, "underlay subnet") };
                    if (spec.UnderlaySubnet.PrefixLength > 29) throw Error(v, $"{field}: {spec.UnderlaySubnet} is too small for a node network");
                    underlaySet = true;
                    break;
                case "kinetLoadBalancerRange": spec = spec with { LoadBalancerRange = Range(v, field) }; poolSet = true; break;
                default: throw Error(v, $"unknown field \"{key}\" in networking");
            }
        }
    }

    private static void IpFamily(YamlNode v, string field)
    {
        switch (String(v, field))
        {
            case null or "" or "ipv4": return;
            case "ipv6" or "dual": throw Error(v, $"{field}: {String(v, field)} is not supported: Kinet's cluster network is IPv4 only");
            case var other: throw Error(v, $"{field}: invalid ipFamily: {other}");
        }
    }

    private static IPNetwork Cidr(YamlNode v, string field, string what)
    {
        var text = String(v, field) ?? "";
        if (text.Contains(',')) throw Error(v, $"{field}: invalid {what} {text}: only one CIDR allowed for single-stack networking");
        if (Ipv4.IsIpv6Cidr(text)) throw Error(v, $"{field}: invalid {what} {text}: expected IPv4 CIDR for IPv4 family");
        return Ipv4.ParseCidr(text) ?? throw Error(v, $"{field}: invalid {what} \"{text}\": not a CIDR such as 10.244.0.0/16");
    }

    private static IPNetwork PodSubnet(YamlNode v, string field, int nodePrefix)
    {
        var cidr = Cidr(v, field, "pod subnet");
        if (cidr.PrefixLength > nodePrefix)
            throw Error(v, $"{field}: {cidr} is smaller than one node's /{nodePrefix} (kube-controller-manager's --node-cidr-mask-size)");
        return cidr;
    }

    private static IPNetwork ServiceSubnet(YamlNode v, string field)
    {
        var cidr = Cidr(v, field, "service subnet");
        // kube-apiserver's limit (maxCIDRBits 20) and room for the kubernetes (.1) and cluster DNS (.10) Services.
        if (cidr.PrefixLength < 12)
            throw Error(v, $"{field}: specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12");
        if (cidr.PrefixLength > 28)
            throw Error(v, $"{field}: {cidr} is too small: the kubernetes Service takes .1 and cluster DNS .10");
        return cidr;
    }

    private static KubeProxyMode ProxyMode(YamlNode v, string field) => String(v, field) switch
    {
        null or "" or "iptables" => KubeProxyMode.Iptables,
        "ipvs" => KubeProxyMode.Ipvs,
        "nftables" => KubeProxyMode.Nftables,
        "none" => KubeProxyMode.None,
        var other => throw Error(v, $"{field}: invalid kubeProxyMode: {other} (iptables, ipvs, nftables or none)"),
    };

    private static PodNetworkMode Mode(YamlNode v, string field) => String(v, field) switch
    {
        null or "" or "routed" => PodNetworkMode.Routed,
        "vxlan" => PodNetworkMode.Vxlan,
        var other => throw Error(v, $"{field}: invalid kinetMode: {other} (routed or vxlan)"),
    };

    private static int? Port(YamlNode v, string field)
    {
        var port = Int(v, field);
        if (port < -1 || port > 65535) throw Error(v, $"{field}: invalid apiServerPort: invalid port number: {port}");
        return port <= 0 ? null : (int)port; // 0 and -1 both mean "pick one"
    }

    private static AddressRange Range(YamlNode v, string field)
    {
        var text = String(v, field) ?? "";
        var dash = text.IndexOf('-');
        var first = dash < 0 ? null : Ipv4.ParseAddress(text[..dash].Trim());
        var last = dash < 0 ? null : Ipv4.ParseAddress(text[(dash + 1)..].Trim());
        if (first is null || last is null || Ipv4.ToUInt(first) > Ipv4.ToUInt(last))
            throw Error(v, $"{field}: invalid range \"{text}\": expected FIRST-LAST such as 172.18.255.200-172.18.255.250");
        return new AddressRange(first, last);
    }
}
