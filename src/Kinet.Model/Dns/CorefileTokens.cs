// The Caddyfile lexer subset a Corefile needs: whitespace-separated tokens with their line numbers, "quoted" tokens
// (backslash escapes), # comments, and { } as tokens of their own.
using System.Text;

namespace Kinet.Model.Dns;

internal readonly record struct CorefileToken(string Text, int Line, bool Quoted = false)
{
    public bool IsOpen => !Quoted && Text == "{";
    public bool IsClose => !Quoted && Text == "}";
}

internal static class CorefileTokens
{
    public static List<CorefileToken> Read(string text)
    {
        var tokens = new List<CorefileToken>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            var start = line;
            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new CorefileException($"Corefile:{start} - Error during parsing: unterminated quoted string");
                    var q = text[i++];
                    if (q == '\\' && i < text.Length && text[i] is '"' or '\\') { sb.Append(text[i++]); continue; }
                    if (q == '"') break;
                    if (q == '\n') line++;
                    sb.Append(q);
                }
                tokens.Add(new CorefileToken(sb.ToString(), start, Quoted: true));
                continue;
            }
            var from = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"' && !(text[i] == '#' && i == from)) i++;
            tokens.Add(new CorefileToken(text[from..i], start));
        }
        return tokens;
    }
}
