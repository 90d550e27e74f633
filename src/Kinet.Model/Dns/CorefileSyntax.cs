// The Corefile's structure: server blocks (keys, then { directives }), each directive a name with the arguments on
// its line and an optional { block } of sub-directives, one per line.
namespace Kinet.Model.Dns;

internal sealed record CorefileBlock(int Line, List<string> Keys, List<CorefileDirective> Directives);

internal sealed record CorefileDirective(int Line, string Name, List<CorefileToken> Args, List<CorefileDirective> Block);

internal static class CorefileSyntax
{
    public static List<CorefileBlock> Read(List<CorefileToken> tokens)
    {
        var blocks = new List<CorefileBlock>();
        var i = 0;
        while (i < tokens.Count)
        {
            var line = tokens[i].Line;
            var keys = new List<string>();
            while (i < tokens.Count && !tokens[i].IsOpen)
            {
                if (tokens[i].IsClose) throw Error(tokens[i].Line, "Unexpected '}' because no matching opening brace");
                keys.AddRange(tokens[i].Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                i++;
            }
            if (i >= tokens.Count) throw Error(tokens[^1].Line, "Unexpected EOF: expected '{' after the server block keys");
            if (keys.Count == 0) throw Error(tokens[i].Line, "server block without keys");
            i++;
            blocks.Add(new CorefileBlock(line, keys, Directives(tokens, ref i, line)));
        }
        return blocks;
    }

    /// <summary>Directives up to and including the closing brace.</summary>
    private static List<CorefileDirective> Directives(List<CorefileToken> tokens, ref int i, int openLine)
    {
        var list = new List<CorefileDirective>();
        while (true)
        {
            if (i >= tokens.Count) throw Error(tokens[^1].Line, $"Unexpected EOF: '{{' on line {openLine} is not closed");
            var t = tokens[i];
            if (t.IsClose) { i++; return list; }
            if (t.IsOpen) throw Error(t.Line, "Unexpected token '{', expecting a directive");
            i++;
            var args = new List<CorefileToken>();
            while (i < tokens.Count && tokens[i].Line == t.Line && !tokens[i].IsOpen && !tokens[i].IsClose) args.Add(tokens[i++]);
            var block = new List<CorefileDirective>();
            if (i < tokens.Count && tokens[i].IsOpen && tokens[i].Line == t.Line)
            {
                i++;
                block = Directives(tokens, ref i, t.Line);
            }
            list.Add(new CorefileDirective(t.Line, t.Text, args, block));
        }
    }

    private static CorefileException Error(int line, string message) => new($"Corefile:{line} - Error during parsing: {message}");
}
