// Go's time.ParseDuration and Duration.String, for agnhost's duration flags (--timeout=1s) and its log lines.
using System.Globalization;
using System.Text;

namespace Kinet.Node.Servers.Go;

internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) { negative = s[0] == '-'; s = s[1..]; }
        if (s == "0") return true;
        if (s.Length == 0) return false;
        double ticks = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == 0 || !double.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            s = s[i..];
            var unit = Units.Where(u => s.StartsWith(u.Unit, StringComparison.Ordinal)).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null) return false; // Go: missing or unknown unit
            ticks += number * unit.Ticks;
            s = s[unit.Unit.Length..];
        }
        value = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        return true;
    }

    public static string InvalidMessage(string text) => $"time: invalid duration \"{text}\"";

    /// <summary>Duration.String(): "0s", "1.5s", "250ms", "1m30s", "1h0m0s".</summary>
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (d < TimeSpan.Zero) { sb.Append('-'); d = d.Negate(); }
        if (d < TimeSpan.FromSeconds(1))
        {
            var ns = d.Ticks * 100;
            return sb.Append(ns < 1000 ? $"{ns}ns" : ns < 1_000_000 ? Trim(ns / 1e3) + "µs" : Trim(ns / 1e6) + "ms").ToString();
        }
        var hours = (long)d.TotalHours;
        if (hours > 0) sb.Append(hours).Append('h');
        if (hours > 0 || d.Minutes > 0) sb.Append(d.Minutes).Append('m');
        var seconds = d.Ticks % TimeSpan.TicksPerMinute / (double)TimeSpan.TicksPerSecond;
        return sb.Append(Trim(seconds)).Append('s').ToString();
    }

    private static string Trim(double v) => v.ToString("0.#########", CultureInfo.InvariantCulture);
}
