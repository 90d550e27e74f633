// Ages as kube-apiserver prints them: apimachinery's duration.HumanDuration and the printers' translateTimestampSince.
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kinet.Api.Tables;

public static class HumanDuration
{
    /// <summary>"5s", "3m20s", "3h2m", "10d", "2y100d"; "&lt;invalid&gt;" for more than one second in the future.</summary>
    public static string Format(TimeSpan d)
    {
        // Go truncates toward zero when converting a duration to whole units; so does a cast from double/long.
        var seconds = (long)d.TotalSeconds;
        // Up to one second of clock skew counts as "now".
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }
        if (minutes < 60 * 3) return $"{minutes}m";
        var hours = seconds / 3600;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }
        return $"{hours / 24 / 365}y";
    }

    /// <summary>translateTimestampSince: "&lt;unknown&gt;" for a missing or zero timestamp, else the age at <paramref name="now"/>.</summary>
    public static string Since(JsonNode? timestamp, DateTimeOffset now) =>
        ParseTimestamp(timestamp) is { } t ? Format(now - t) : "<unknown>";

    /// <summary>Parses an RFC 3339 timestamp; null for missing, unparsable or Go's zero time.</summary>
    public static DateTimeOffset? ParseTimestamp(JsonNode? timestamp)
    {
        if (Json.Text(timestamp) is not { } text) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return null;
        return t.Year <= 1 ? null : t;
    }
}
