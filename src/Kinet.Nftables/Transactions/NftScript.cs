// Renders a transaction as `nft -f` input: one table-qualified command per line, in knftables' spelling
// (`add chain ip kube-proxy services`, `add element ip kube-proxy service-ips { 10.96.0.10 . udp . 53 : goto ... }`).
using System.Text;
using Kinet.Nftables.Objects;

namespace Kinet.Nftables.Transactions;

public static class NftScript
{
    public static string Render(NftTransaction transaction)
    {
        var sb = new StringBuilder(transaction.Count * 96);
        var table = $"{NftNames.Family(transaction.Table.Family)} {transaction.Table.Name}";
        foreach (var op in transaction.Operations)
            Line(sb, op, table);
        return sb.ToString();
    }

    /// <summary>One operation as one `nft -f` line (with its newline).</summary>
    internal static void Line(StringBuilder sb, NftOperation op, string table)
    {
        var verb = op.Verb switch
        {
            NftVerb.Create => "create",
            NftVerb.Flush => "flush",
            NftVerb.Delete => "delete",
            NftVerb.Insert => "insert",
            _ => "add",
        };
        var full = op.Verb is NftVerb.Add or NftVerb.Create or NftVerb.Insert;
        switch (op.Object)
        {
            case NftTable t:
                sb.Append(verb).Append(" table ").Append(table);
                if (full) sb.Append(NftNames.Body(t));
                break;
            case NftChain c:
                sb.Append(verb).Append(" chain ").Append(table).Append(' ').Append(c.Name);
                if (full) sb.Append(NftNames.Body(c));
                break;
            case NftSet s:
                sb.Append(verb).Append(" set ").Append(table).Append(' ').Append(s.Name);
                if (full) sb.Append(NftNames.Body(s));
                break;
            case NftMap m:
                sb.Append(verb).Append(" map ").Append(table).Append(' ').Append(m.Name);
                if (full) sb.Append(NftNames.Body(m));
                break;
            case NftRule r:
                if (op.Verb is NftVerb.Delete or NftVerb.Flush)
                    throw new NotSupportedException($"nft deletes rules by handle, which Kinet does not track: {verb} rule {r.Chain} {r.Text}");
                sb.Append(verb).Append(" rule ").Append(table).Append(' ').Append(r.Chain).Append(' ').Append(r.Text);
                if (r.Comment is not null) sb.Append(" comment ").Append(NftNames.Quote(r.Comment));
                break;
            case NftElement e:
                if (op.Verb is NftVerb.Flush or NftVerb.Insert)
                    throw new NotSupportedException($"nft has no '{verb} element'");
                sb.Append(verb).Append(" element ").Append(table).Append(' ').Append(e.SetOrMap)
                    .Append(" { ").Append(NftNames.Element(e, withValue: op.Verb != NftVerb.Delete)).Append(" }");
                break;
        }
        sb.Append('\n');
    }
}
