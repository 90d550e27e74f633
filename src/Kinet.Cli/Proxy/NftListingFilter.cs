// `kinet proxy rules --format nft --service ns/name`: the node's table as nft lists it, cut down to one Service — its
// chains whole (their names carry "-ns/name/"), and of every set and map only the elements that mention it.
using System.Text;

namespace Kinet.Cli.Proxy;

internal static partial class NftListingFilter
{
    public static string Only(string listing, string ns, string name)
    {
        var marker = $"-{ns}/{name}/";
        var sb = new StringBuilder();
        var lines = listing.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("chain ", StringComparison.Ordinal))
            {
                var end = BlockEnd(lines, i);
                if (trimmed.Contains(marker, StringComparison.Ordinal))
                    for (var j = i; j <= end; j++) sb.Append(lines[j]).Append('\n');
                i = end;
            }
            else if (trimmed.StartsWith("map ", StringComparison.Ordinal) || trimmed.StartsWith("set ", StringComparison.Ordinal))
            {
                var end = BlockEnd(lines, i);
                var block = lines[i..(end + 1)];
                var elements = block.Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
                if (elements.Count > 0)
                {
                    sb.Append(line).Append('\n');
                    foreach (var header in block.Skip(1).TakeWhile(l => !l.TrimStart().StartsWith("elements", StringComparison.Ordinal)))
                        sb.Append(header).Append('\n');
                    sb.Append("\t\telements = { ").Append(string.Join(",\n\t\t\t     ", elements.Select(Element))).Append(" }\n");
                    sb.Append(lines[end]).Append('\n');
                }
                i = end;
            }
            else
            {
                sb.Append(line).Append('\n');
            }
        }
        // The blank lines that separated dropped blocks would pile up: one between blocks is enough.
        return BlankRuns().Replace(sb.ToString(), "\n\n").TrimEnd('\n') + "\n";
    }

    // One element's text from its listing line: without "elements = {", the separating comma and the closing brace.
    private static string Element(string line)
    {
        var t = line.Trim();
        if (t.StartsWith("elements = {", StringComparison.Ordinal)) t = t["elements = {".Length..].Trim();
        if (t.EndsWith('}')) t = t[..^1].Trim();
        return t.TrimEnd(',');
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\n(?:[ \t]*\n){2,}")]
    private static partial System.Text.RegularExpressions.Regex BlankRuns();

    private static int BlockEnd(string[] lines, int start)
    {
        var depth = 0;
        for (var i = start; i < lines.Length; i++)
        {
            depth += lines[i].Count(c => c == '{') - lines[i].Count(c => c == '}');
            if (depth <= 0 && i > start) return i;
            if (depth <= 0 && lines[i].Contains('}')) return i;
        }
        return lines.Length - 1;
    }
}
