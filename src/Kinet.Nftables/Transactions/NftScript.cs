// Renders a transaction as `nft -f` input. SEAM: to be written by the Nftables helper.
namespace Kinet.Nftables.Transactions;

public static class NftScript
{
    public static string Render(NftTransaction transaction) => throw new NotImplementedException("NftScript.Render");
}
