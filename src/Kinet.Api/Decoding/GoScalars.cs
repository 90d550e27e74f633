// The custom decoders behind special scalars and their Go error texts: resource.Quantity, metav1.Time (RFC 3339)
// and []byte (standard base64). Each returns null when the text is acceptable.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kinet.Api.Decoding;

internal static partial class GoScalars
{
    internal const string QuantityFormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    public static string? Quantity(string s)
    {
        s = s.Trim();
        if (s == "0") return null;
        var m = QuantityShape().Match(s);
        if (!m.Success) return QuantityFormatError;
        if (!QuantityNumber().IsMatch(m.Groups[1].Value)) return "unable to parse quantity's numeric part";
        var suffix = m.Groups[2].Value;
        var knownSuffix = suffix is "" or "n" or "u" or "m" or "k" or "M" or "G" or "T" or "P" or "E" or "Ki" or "Mi" or "Gi" or "Ti" or "Pi" or "Ei"
            || QuantityExponent().IsMatch(suffix);
        return knownSuffix ? null : "unable to parse quantity's suffix";
    }

    [GeneratedRegex(@"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")]
    private static partial Regex QuantityShape();
    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$")]
    private static partial Regex QuantityNumber();
    [GeneratedRegex(@"^[eE][+-]?[0-9]+$")]
    private static partial Regex QuantityExponent();

    private const string Rfc3339 = "2006-01-02T15:04:05Z07:00";
    private const string Rfc3339Micro = "2006-01-02T15:04:05.000000Z07:00";

    /// <summary>
    /// time.Parse(time.RFC3339, s) as metav1.Time decodes it, or with micro set the RFC3339Micro layout of
    /// metav1.MicroTime (exactly six fractional digits); the message mimics Go's time.ParseError.
    /// </summary>
    public static string? Time(string value, bool micro = false)
    {
        var rest = value;
        var layout = micro ? Rfc3339Micro : Rfc3339;
        string Cannot(string element) => $"parsing time {Quote(value)} as {Quote(layout)}: cannot parse {Quote(rest)} as {Quote(element)}";
        string OutOfRange(string what) => $"parsing time {Quote(value)}: {what} out of range";

        bool Digits(int n, out int v)
        {
            v = 0;
            if (rest.Length < n || !rest[..n].All(char.IsAsciiDigit)) return false;
            v = int.Parse(rest[..n], CultureInfo.InvariantCulture);
            rest = rest[n..];
            return true;
        }
        bool Literal(string lit)
        {
            if (!rest.StartsWith(lit, StringComparison.Ordinal)) return false;
            rest = rest[lit.Length..];
            return true;
        }

        if (!Digits(4, out var year)) return Cannot("2006");
        if (!Literal("-")) return Cannot("-");
        if (!Digits(2, out var month)) return Cannot("01");
        if (month is < 1 or > 12) return OutOfRange("month");
        if (!Literal("-")) return Cannot("-");
        if (!Digits(2, out var day)) return Cannot("02");
        if (!Literal("T")) return Cannot("T");
        if (!Digits(2, out var hour)) return Cannot("15");
        if (hour >= 24) return OutOfRange("hour");
        if (!Literal(":")) return Cannot(":");
        if (!Digits(2, out var minute)) return Cannot("04");
        if (minute >= 60) return OutOfRange("minute");
        if (!Literal(":")) return Cannot(":");
        if (!Digits(2, out var second)) return Cannot("05");
        if (second >= 60) return OutOfRange("second");
        if (micro)
        {
            if (rest.Length < 7 || rest[0] is not ('.' or ',') || !rest[1..7].All(char.IsAsciiDigit)) return Cannot(".000000");
            rest = rest[7..];
        }
        else if (rest.Length > 1 && rest[0] is '.' or ',' && char.IsAsciiDigit(rest[1]))
            rest = rest[1..].TrimStart("0123456789".ToCharArray());
        if (!Literal("Z"))
        {
            if (rest.Length < 6 || rest[0] is not ('+' or '-') || rest[3] != ':'
                || !rest[1..3].All(char.IsAsciiDigit) || !rest[4..6].All(char.IsAsciiDigit)) return Cannot("Z07:00");
            rest = rest[6..];
        }
        if (rest.Length > 0) return $"parsing time {Quote(value)}: extra text: {Quote(rest)}";
        if (day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month)) return OutOfRange("day");
        return null;
    }

    /// <summary>base64.StdEncoding.Decode: the offset of the first bad quantum or character.</summary>
    public static string? Base64(string s)
    {
        var chars = s.Where(c => c is not ('\r' or '\n')).ToArray();
        for (var q = 0; q < chars.Length; q += 4)
        {
            var quantum = Math.Min(4, chars.Length - q);
            for (var j = 0; j < quantum; j++)
            {
                var c = chars[q + j];
                if (c == '=')
                {
                    // Padding may only fill the last one or two places of the final quantum.
                    var padOk = j >= 2 && q + 4 == chars.Length && (j == 3 || chars[q + 3] == '=');
                    if (!padOk) return $"illegal base64 data at input byte {q + j}";
                    break;
                }
                if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/')) return $"illegal base64 data at input byte {q + j}";
            }
            if (quantum < 4) return $"illegal base64 data at input byte {q}";
        }
        return null;
    }

    /// <summary>Go's strconv.Quote for the ASCII texts that appear in these messages.</summary>
    public static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t").Replace("\r", "\\r") + "\"";
}
