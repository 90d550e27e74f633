// Every table, chain, set and map name the proxy writes, computed by one documented function each (kube-proxy's
// servicePortChainNameBase & co). SEAM: the nftables helper fills in the functions.
namespace Kinet.Proxy.Nftables;

public static class ProxyNames
{
    public const string TableName = "kube-proxy";
}
