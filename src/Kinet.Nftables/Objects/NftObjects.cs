// The nftables objects Kinet writes, after kubernetes-sigs/knftables: a table holds chains, sets and maps; a chain holds
// rules whose text is nft syntax (the renderer writes it, the fake and the tracer read it); set and map elements are
// keyed by a list of values joined with " . ". Everything is plain data compared by value.
// SEAM (written before the helpers started): the shapes below are the contract between the renderer (Kinet.Proxy),
// the fake and tracer (this project) and the kernel runner (Kinet.Node). Extend, do not rename.
namespace Kinet.Nftables.Objects;

/// <summary>The address family of a table: nft's <c>ip</c>, <c>ip6</c> or <c>inet</c>.</summary>
public enum NftFamily { Ip, Ip6, Inet }

/// <summary>A table; everything Kinet writes lives in one table per node and family (kube-proxy: <c>kube-proxy</c>).</summary>
public sealed record NftTable(NftFamily Family, string Name, string? Comment = null);

/// <summary>A chain. A base chain has <see cref="Type"/> (filter|nat|route), <see cref="Hook"/>
/// (prerouting|input|forward|output|postrouting) and <see cref="Priority"/> (a number or a name such as
/// <c>dstnat</c>); a regular chain has none of them.</summary>
public sealed record NftChain(string Name, string? Type = null, string? Hook = null, string? Priority = null, string? Comment = null)
{
    public bool IsBaseChain => Hook is not null;
}

/// <summary>A rule: its chain, its text in nft syntax (<c>ip daddr 10.96.0.1 tcp dport 443 jump service-...</c>), and an
/// optional comment. Rules are kept in chain order.</summary>
public sealed record NftRule(string Chain, string Text, string? Comment = null);

/// <summary>A set: <see cref="Type"/> is nft's type expression (<c>ipv4_addr . inet_proto . inet_service</c>),
/// <see cref="Flags"/> e.g. <c>interval</c>, <c>timeout</c>; <see cref="Timeout"/> in seconds for affinity sets.</summary>
public sealed record NftSet(string Name, string Type, IReadOnlyList<string>? Flags = null, int? Timeout = null, string? Comment = null);

/// <summary>A map (a verdict map when <see cref="Type"/> ends in <c>: verdict</c>).</summary>
public sealed record NftMap(string Name, string Type, IReadOnlyList<string>? Flags = null, string? Comment = null);

/// <summary>An element of a set (<see cref="Value"/> null) or a map. <see cref="Key"/> parts are joined with " . ";
/// a verdict map's value is e.g. <c>goto service-ULMVA6XW-ns1/svc1/tcp/p80</c>.</summary>
public sealed record NftElement(string SetOrMap, IReadOnlyList<string> Key, IReadOnlyList<string>? Value = null, string? Comment = null);
