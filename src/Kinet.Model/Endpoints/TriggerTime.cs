// The endpoints.kubernetes.io/last-change-trigger-time annotation value: Go's time.RFC3339Nano in UTC
// (fractional seconds with trailing zeros trimmed, none at all when whole).
using System.Globalization;

namespace Kinet.Model.Endpoints;

public static class TriggerTime
{
    public const string Annotation = "endpoints.kubernetes.io/last-change-trigger-time";

    public static string Format(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        var s = u.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = u.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0) s += "." + (ticks * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return s + "Z";
    }
}
