// INftables over the kernel: a node's rules are applied with `nft -f -` inside the node's network namespace (one
// script, one atomic transaction: nft applies all of it or none) and listed with `nft list table`.
using Kinet.Nftables;
using Kinet.Nftables.Objects;
using Kinet.Nftables.Transactions;

namespace Kinet.Node.Nftables;

public sealed class NetnsNftables(string netnsName) : INftables
{
    public string Netns => netnsName;

    public Task RunAsync(NftTransaction transaction, CancellationToken ct) => RunScriptAsync(transaction.ToScript(), ct);

    /// <summary>Applies an `nft -f` script atomically; throws <see cref="NftablesException"/> with nft's message when
    /// nft refuses it (nothing changed then).</summary>
    public async Task RunScriptAsync(string script, CancellationToken ct)
    {
        var r = await NetnsTool.RunAsync(netnsName, "nft", ["-f", "-"], script, ct).ConfigureAwait(false);
        if (r.ExitCode != 0)
            throw new NftablesException((r.Stderr.Trim() is { Length: > 0 } message ? message : $"nft -f - exited with {r.ExitCode}")
                + $" (in network namespace {netnsName})");
    }

    public async Task<string?> ListTableAsync(NftTable table, CancellationToken ct)
    {
        var r = await NetnsTool.RunAsync(netnsName, "nft", ["list", "table", Family(table.Family), table.Name], null, ct).ConfigureAwait(false);
        if (r.ExitCode == 0) return r.Stdout;
        // nft says "Error: No such file or directory" (and, newer, "...; did you mean table ...") for a missing table.
        if (r.Stderr.Contains("No such file or directory", StringComparison.Ordinal)) return null;
        throw new NftablesException(r.Stderr.Trim() + $" (in network namespace {netnsName})");
    }

    public static string Family(NftFamily family) => family switch
    {
        NftFamily.Ip6 => "ip6",
        NftFamily.Inet => "inet",
        _ => "ip",
    };
}
