// Where transactions go: the kernel (Kinet.Node runs `nft -f` inside a node's network namespace) or the in-memory fake.
// SEAM (written before the helpers started): the contract between the proxy's sync loop and the host layer.
using Kinet.Nftables.Transactions;

namespace Kinet.Nftables;

public interface INftables
{
    /// <summary>Applies <paramref name="transaction"/> atomically; throws <see cref="NftablesException"/> with nft's
    /// message when it is refused (nothing changed then).</summary>
    Task RunAsync(NftTransaction transaction, CancellationToken ct);

    /// <summary>The table as <c>nft list table</c> prints it (for `kinet proxy rules --format nft`), or null when the
    /// table does not exist.</summary>
    Task<string?> ListTableAsync(Objects.NftTable table, CancellationToken ct);
}

public sealed class NftablesException(string message) : Exception(message);
