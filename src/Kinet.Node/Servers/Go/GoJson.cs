// encoding/json's output for the small shapes agnhost writes (maps of strings and string lists): keys sorted, and
// Go's escaping (<, >, & and U+2028/9 escaped; other non-ASCII left alone), so clients compare bytes as with agnhost.
using System.Text;

namespace Kinet.Node.Servers.Go;

internal static class GoJson
{
    public static string Object(IEnumerable<KeyValuePair<string, string>> fields) =>
        "{" + string.Join(",", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => String(f.Key) + ":" + String(f.Value))) + "}";

    public static string ObjectOfLists(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> fields) =>
        "{" + string.Join(",", fields.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => String(f.Key) + ":[" + string.Join(",", f.Value.Select(String)) + "]")) + "}";

    public static string String(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029': sb.Append($"\\u{(int)c:x4}"); break;
                case < ' ': sb.Append($"\\u{(int)c:x4}"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
