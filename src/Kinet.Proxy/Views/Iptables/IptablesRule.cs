// One rule as kube-proxy writes it to iptables-restore: `-A <chain> <args...>`, the arguments exactly as kube-proxy
// passes them (a comment with spaces carries its double quotes).
namespace Kinet.Proxy.Views.Iptables;

/// <summary><see cref="Table"/> is "filter", "nat" or "mangle".</summary>
public sealed record IptablesRule(string Table, string Chain, IReadOnlyList<string> Args)
{
    public string RestoreLine() => Args.Count == 0 ? $"-A {Chain}" : $"-A {Chain} {string.Join(' ', Args)}";
}
