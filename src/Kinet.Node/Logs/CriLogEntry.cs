// One parsed line of a CRI log file: `<time> <stream> <P|F> <content>` (the kubelet's parseCRILog).
using System.Globalization;
using System.Text;

namespace Kinet.Node.Logs;

internal readonly record struct CriLogEntry(DateTimeOffset Time, string RawTime, string Stream, bool Partial, ReadOnlyMemory<byte> Content)
{
    /// <summary>Parses one line (without its newline); false for a line the kubelet would also reject.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, out CriLogEntry entry)
    {
        entry = default;
        var span = line.Span;
        var s1 = span.IndexOf((byte)' ');
        if (s1 <= 0) return false;
        var rawTime = Encoding.ASCII.GetString(span[..s1]);
        if (!DateTimeOffset.TryParse(rawTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)) return false;
        var rest = span[(s1 + 1)..];
        var s2 = rest.IndexOf((byte)' ');
        if (s2 <= 0) return false;
        var stream = Encoding.ASCII.GetString(rest[..s2]);
        if (stream is not ("stdout" or "stderr")) return false;
        var afterStream = s1 + 1 + s2 + 1;
        rest = span[afterStream..];
        // The tag may carry more fields separated by ':' (only the first, P or F, matters); it may be absent in old files.
        var s3 = rest.IndexOf((byte)' ');
        var tag = s3 < 0 ? rest : rest[..s3];
        var partial = tag.Length > 0 && tag[0] == (byte)'P';
        var contentStart = afterStream + (s3 < 0 ? rest.Length : s3 + 1);
        entry = new CriLogEntry(time, rawTime, stream, partial, line[contentStart..]);
        return true;
    }

    /// <summary>The timestamp `kubectl logs --timestamps` shows: Go's RFC3339Nano, which drops trailing zeros. Taken
    /// from the file's text when it is UTC, so all nine digits survive (.NET keeps only seven).</summary>
    public string FormatForOutput()
    {
        var raw = RawTime;
        var dot = raw.IndexOf('.');
        if (raw.EndsWith('Z') && dot > 0)
        {
            var fraction = raw[(dot + 1)..^1].TrimEnd('0');
            return raw[..dot] + (fraction.Length > 0 ? "." + fraction : "") + "Z";
        }
        var s = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return s + "Z";
    }
}
