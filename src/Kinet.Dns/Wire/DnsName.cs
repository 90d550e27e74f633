// Domain names between the wire (length-prefixed labels) and text (dotted, absolute, lower-case, miekg/dns escapes:
// `\.` inside a label, `\DDD` for bytes that are not printable).
using System.Text;

namespace Kinet.Dns.Wire;

internal static class DnsName
{
    /// <summary>The lower-case text form of an uncompressed wire name (validated by the parser).</summary>
    public static string ToText(ReadOnlySpan<byte> wire)
    {
        if (wire.Length <= 1) return ".";
        var sb = new StringBuilder(wire.Length + 8);
        var pos = 0;
        while (pos < wire.Length && wire[pos] != 0)
        {
            var len = wire[pos++];
            foreach (var raw in wire.Slice(pos, len))
            {
                var b = raw is >= (byte)'A' and <= (byte)'Z' ? (byte)(raw + 32) : raw;
                if (b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$')
                    sb.Append('\\').Append((char)b);
                else if (b is < 33 or > 126)
                    sb.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                else
                    sb.Append((char)b);
            }
            pos += len;
            sb.Append('.');
        }
        return sb.ToString();
    }

    /// <summary>Lower-cases ASCII letters of a wire name in place (length octets are below 64, so untouched).</summary>
    public static void ToLower(Span<byte> wire)
    {
        for (var i = 0; i < wire.Length; i++)
            if (wire[i] is >= (byte)'A' and <= (byte)'Z') wire[i] += 32;
    }

    /// <summary>The labels of a text name (absolute or not), unescaped; empty for the root.</summary>
    public static List<byte[]> Labels(string name)
    {
        var labels = new List<byte[]>();
        var current = new List<byte>();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '\\' && i + 1 < name.Length)
            {
                if (i + 3 < name.Length && char.IsAsciiDigit(name[i + 1]) && char.IsAsciiDigit(name[i + 2]) && char.IsAsciiDigit(name[i + 3]))
                {
                    current.Add((byte)int.Parse(name.AsSpan(i + 1, 3), System.Globalization.CultureInfo.InvariantCulture));
                    i += 3;
                }
                else current.Add((byte)name[++i]);
            }
            else if (c == '.')
            {
                if (current.Count > 0) labels.Add([.. current]);
                current.Clear();
            }
            else current.Add((byte)c);
        }
        if (current.Count > 0) labels.Add([.. current]);
        return labels;
    }
}
