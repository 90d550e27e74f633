// Address tests for the tracer: equality or CIDR containment, for IPv4 and IPv6.
using System.Net;

namespace Kinet.Nftables.Tracing;

internal static class IpMatch
{
    /// <summary>Whether <paramref name="value"/> (a packet field's text) matches <paramref name="pattern"/>: an
    /// address/prefix, an address, or any other literal compared as text.</summary>
    public static bool Matches(string value, string pattern)
    {
        var slash = pattern.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPAddress.TryParse(pattern[..slash], out var network)
            && int.TryParse(pattern[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits)
            && IPAddress.TryParse(value, out var address))
            return InPrefix(address, network, bits);
        if (IPAddress.TryParse(pattern, out var p) && IPAddress.TryParse(value, out var v))
            return p.Equals(v);
        return string.Equals(value, pattern, StringComparison.Ordinal);
    }

    public static bool InPrefix(IPAddress address, IPAddress network, int bits)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (a.Length != n.Length) return false;
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }
}
