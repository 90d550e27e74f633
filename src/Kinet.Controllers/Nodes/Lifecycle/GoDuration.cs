// Go's time.Duration.String for the whole-second durations the kubelet prints in messages ("10s", "1m20s", "5m0s").
using System.Globalization;

namespace Kinet.Controllers.Nodes.Lifecycle;

public static class GoDuration
{
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        var sign = d < TimeSpan.Zero ? "-" : "";
        d = d.Duration();
        var seconds = (d.Ticks % TimeSpan.TicksPerMinute) / (double)TimeSpan.TicksPerSecond;
        var secondsText = seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
        var hours = (long)d.TotalHours;
        if (hours > 0) return $"{sign}{hours}h{d.Minutes}m{secondsText}";
        if (d.Minutes > 0) return $"{sign}{d.Minutes}m{secondsText}";
        return sign + secondsText;
    }
}
