// Go's log package line prefix (log.LstdFlags: "2006/01/02 15:04:05 "), so logs read as agnhost's do.
using System.Globalization;

namespace Kinet.Node.Servers.Go;

internal static class GoLog
{
    public static string Prefix(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy/MM/dd HH:mm:ss ", CultureInfo.InvariantCulture);
}
