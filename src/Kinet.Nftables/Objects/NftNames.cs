// How nft spells families, priorities and object headers; shared by the script renderer, the fake's dump and listing.
namespace Kinet.Nftables.Objects;

public static class NftNames
{
    public static string Family(NftFamily family) => family switch
    {
        NftFamily.Ip6 => "ip6",
        NftFamily.Inet => "inet",
        _ => "ip",
    };

    /// <summary>A base chain priority as a number: nft's named priorities (<c>dstnat</c>, <c>srcnat</c>, <c>filter</c>,
    /// ...) with an optional <c>+N</c>/<c>-N</c> offset, or a plain number. Used to order base chains on one hook.</summary>
    public static int Priority(string? priority)
    {
        if (string.IsNullOrWhiteSpace(priority))
            return 0;
        var text = priority.Replace(" ", "", StringComparison.Ordinal);
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return n;
        var cut = text.IndexOfAny(['+', '-']);
        var name = cut < 0 ? text : text[..cut];
        var offset = cut < 0 ? 0 : int.Parse(text[cut..], System.Globalization.CultureInfo.InvariantCulture);
        int value = name switch
        {
            "raw" => -300,
            "mangle" => -150,
            "dstnat" => -100,
            "filter" => 0,
            "security" => 50,
            "srcnat" => 100,
            _ => throw new NftablesException($"Error: unknown priority name \"{name}\""),
        };
        return value + offset;
    }

    /// <summary>A comment as nft quotes it.</summary>
    public static string Quote(string comment) => "\"" + comment.Replace("\"", "'", StringComparison.Ordinal) + "\"";

    /// <summary><c>{ type filter hook input priority -110 ; comment "..." ; }</c> or "" for a plain chain without comment
    /// (knftables' spelling, which `nft -f` accepts).</summary>
    public static string Body(object obj)
    {
        var parts = new List<string>();
        switch (obj)
        {
            case NftTable t:
                if (t.Comment is not null) parts.Add("comment " + Quote(t.Comment));
                break;
            case NftChain c:
                if (c.IsBaseChain) parts.Add($"type {c.Type ?? "filter"} hook {c.Hook} priority {c.Priority ?? "0"}");
                if (c.Comment is not null) parts.Add("comment " + Quote(c.Comment));
                break;
            case NftSet s:
                parts.Add("type " + s.Type);
                if (s.Flags is { Count: > 0 }) parts.Add("flags " + string.Join(',', s.Flags));
                if (s.Timeout is { } timeout) parts.Add($"timeout {timeout}s");
                if (s.Comment is not null) parts.Add("comment " + Quote(s.Comment));
                break;
            case NftMap m:
                parts.Add("type " + m.Type);
                if (m.Flags is { Count: > 0 }) parts.Add("flags " + string.Join(',', m.Flags));
                if (m.Comment is not null) parts.Add("comment " + Quote(m.Comment));
                break;
        }
        return parts.Count == 0 ? "" : " { " + string.Join(" ; ", parts) + " ; }";
    }

    /// <summary>An element as nft writes it inside braces: <c>key [comment "c"] [: value]</c>.</summary>
    public static string Element(NftElement e, bool withValue = true)
    {
        var text = string.Join(" . ", e.Key);
        if (withValue && e.Comment is not null) text += " comment " + Quote(e.Comment);
        if (withValue && e.Value is { Count: > 0 }) text += " : " + string.Join(" . ", e.Value);
        return text;
    }

    /// <summary>The element's identity within its set or map (the key only).</summary>
    public static string ElementKey(NftElement e) => string.Join(" . ", e.Key);

    /// <summary>The element's value (empty for set elements).</summary>
    public static string ElementValue(NftElement e) => e.Value is null ? "" : string.Join(" . ", e.Value);
}
