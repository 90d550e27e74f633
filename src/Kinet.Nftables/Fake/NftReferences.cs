// What a rule or a verdict-map element refers to: chains (jump/goto) and sets or maps (@name). The fake counts these
// references so that, as in the kernel, a referenced chain or set cannot be deleted and a jump to a missing chain fails.
namespace Kinet.Nftables.Fake;

internal static class NftReferences
{
    public static (List<string> Chains, List<string> Sets) Of(string text)
    {
        List<string> chains = [], sets = [];
        if (!text.Contains("jump", StringComparison.Ordinal) && !text.Contains("goto", StringComparison.Ordinal) && !text.Contains('@', StringComparison.Ordinal))
            return (chains, sets);
        var tokens = Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if ((t == "jump" || t == "goto") && i + 1 < tokens.Count)
                chains.Add(tokens[++i]);
            else if (t.Length > 1 && t[0] == '@')
                sets.Add(t[1..]);
            else if (t == "@" && i + 1 < tokens.Count)
                sets.Add(tokens[++i]);
        }
        return (chains, sets);
    }

    /// <summary>Splits nft text into words, with braces and commas as words of their own; a quoted comment is one word.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '{' or '}' or ',') { tokens.Add(c.ToString()); i++; continue; }
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0) end = text.Length - 1;
                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or ','))
                i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }
}
