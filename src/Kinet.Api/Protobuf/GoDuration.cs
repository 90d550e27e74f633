// Go's time.Duration.String(): "1h2m3.5s", "150ms", "0s" — the JSON form of meta/v1 Duration.
using System.Globalization;
using System.Text;

namespace Kinet.Api.Protobuf;

internal static class GoDuration
{
    public static string Format(long nanos)
    {
        if (nanos == 0) return "0s";
        var negative = nanos < 0;
        var u = negative ? (ulong)(-(nanos + 1)) + 1 : (ulong)nanos;
        string text;
        if (u < 1_000_000_000UL)
        {
            // Sub-second: one unit (ns, µs or ms) with a fraction.
            var (unit, scale) = u < 1_000UL ? ("ns", 1UL) : u < 1_000_000UL ? ("µs", 1_000UL) : ("ms", 1_000_000UL);
            text = Fraction(u, scale) + unit;
        }
        else
        {
            var sb = new StringBuilder();
            var hours = u / 3_600_000_000_000UL;
            var rest = u % 3_600_000_000_000UL;
            var minutes = rest / 60_000_000_000UL;
            rest %= 60_000_000_000UL;
            if (hours > 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            if (hours > 0 || minutes > 0) sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            sb.Append(Fraction(rest, 1_000_000_000UL)).Append('s');
            text = sb.ToString();
        }
        return negative ? "-" + text : text;
    }

    // value/scale as a decimal with trailing zeros (and a bare point) removed.
    private static string Fraction(ulong value, ulong scale)
    {
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var frac = value % scale;
        if (frac == 0) return whole;
        var digits = scale.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
