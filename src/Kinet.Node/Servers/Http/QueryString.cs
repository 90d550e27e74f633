// Go's url.ParseQuery and QueryUnescape: pairs split on '&', '+' is a space, %XX escapes; malformed pairs (a bad
// escape, a ';') are dropped as Go drops them.
using System.Text;

namespace Kinet.Node.Servers.Http;

internal static class QueryString
{
    public static IEnumerable<KeyValuePair<string, string>> Parse(string rawQuery)
    {
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0 || part.Contains(';')) continue;
            var eq = part.IndexOf('=');
            var key = Unescape(eq >= 0 ? part[..eq] : part, plusIsSpace: true);
            var value = Unescape(eq >= 0 ? part[(eq + 1)..] : "", plusIsSpace: true);
            if (key is null || value is null) continue;
            yield return new(key, value);
        }
    }

    public static string? First(string rawQuery, string name) =>
        Parse(rawQuery).Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    /// <summary>Percent-decoding as UTF-8; null when an escape is malformed.</summary>
    public static string? Unescape(string s, bool plusIsSpace)
    {
        if (!s.Contains('%') && !(plusIsSpace && s.Contains('+'))) return s;
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return null;
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+' && plusIsSpace) bytes.Add((byte)' ');
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
