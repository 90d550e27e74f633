// `nft list table`'s layout for a fake table: sets and maps with their elements, then chains with their rules.
using System.Text;
using Kinet.Nftables.Objects;

namespace Kinet.Nftables.Fake;

internal static class NftListing
{
    public static string Of(NftFakeTable t)
    {
        var sb = new StringBuilder();
        sb.Append("table ").Append(NftNames.Family(t.Table.Family)).Append(' ').Append(t.Table.Name).Append(" {\n");
        if (t.Table.Comment is not null)
            sb.Append("\tcomment ").Append(NftNames.Quote(t.Table.Comment)).Append('\n');
        foreach (var s in t.SetsByName.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            sb.Append('\t').Append(s.IsMap ? "map " : "set ").Append(s.Name).Append(" {\n");
            sb.Append("\t\ttype ").Append(s.Type).Append('\n');
            var (flags, timeout, comment) = s.Definition switch
            {
                NftSet set => (set.Flags, set.Timeout, set.Comment),
                NftMap map => (map.Flags, (int?)null, map.Comment),
                _ => (null, null, null),
            };
            if (flags is { Count: > 0 }) sb.Append("\t\tflags ").Append(string.Join(',', flags)).Append('\n');
            if (timeout is { } seconds) sb.Append("\t\ttimeout ").Append(seconds).Append("s\n");
            if (comment is not null) sb.Append("\t\tcomment ").Append(NftNames.Quote(comment)).Append('\n');
            if (s.ElementsByKey.Count > 0)
            {
                var elements = s.ElementsByKey.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => NftNames.Element(kv.Value));
                sb.Append("\t\telements = { ").Append(string.Join(",\n\t\t\t     ", elements)).Append(" }\n");
            }
            sb.Append("\t}\n");
        }
        foreach (var c in t.ChainsByName.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            sb.Append("\n\tchain ").Append(c.Name).Append(" {\n");
            if (c.Chain.Comment is not null) sb.Append("\t\tcomment ").Append(NftNames.Quote(c.Chain.Comment)).Append('\n');
            if (c.Chain.IsBaseChain)
                sb.Append("\t\ttype ").Append(c.Chain.Type ?? "filter").Append(" hook ").Append(c.Chain.Hook)
                  .Append(" priority ").Append(c.Chain.Priority ?? "0").Append("; policy accept;\n");
            foreach (var r in c.RuleList)
            {
                sb.Append("\t\t").Append(r.Text);
                if (r.Comment is not null) sb.Append(" comment ").Append(NftNames.Quote(r.Comment));
                sb.Append('\n');
            }
            sb.Append("\t}\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }
}
