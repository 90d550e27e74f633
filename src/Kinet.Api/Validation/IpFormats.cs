// IP and CIDR parsing with Go's rules (net.ParseIP / k8s.io/utils/net sloppy forms), which are stricter than
// IPAddress.TryParse ("1" is not an address), plus the upstream messages built on them.
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Api.Validation;

internal static class IpFormats
{
    public static IPAddress? ParseIp(string s)
    {
        if (s.Length == 0 || s.Contains('%', StringComparison.Ordinal)) return null;
        if (s.Contains(':', StringComparison.Ordinal))
            return IPAddress.TryParse(s, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        var parts = s.Split('.');
        if (parts.Length != 4) return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            // Sloppy parsing accepts leading zeros as decimal, as k8s.io/utils/net does.
            if (parts[i].Length is 0 or > 3 || !parts[i].All(char.IsAsciiDigit)) return null;
            var n = int.Parse(parts[i], CultureInfo.InvariantCulture);
            if (n > 255) return null;
            bytes[i] = (byte)n;
        }
        return new IPAddress(bytes);
    }

    /// <summary>Parses "addr/len"; returns the masked network and prefix length.</summary>
    public static (IPAddress Network, int Prefix)? ParseCidr(string s)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return null;
        var ip = ParseIp(s[..slash]);
        var lenText = s[(slash + 1)..];
        if (ip is null || lenText.Length is 0 or > 3 || !lenText.All(char.IsAsciiDigit)) return null;
        var len = int.Parse(lenText, CultureInfo.InvariantCulture);
        var bits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (len > bits) return null;
        return (Mask(ip, len), len);
    }

    public static IPAddress Mask(IPAddress ip, int prefix)
    {
        var b = ip.GetAddressBytes();
        for (var i = 0; i < b.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            b[i] &= (byte)(0xff << (8 - keep));
        }
        return new IPAddress(b);
    }

    public static bool Contains((IPAddress Network, int Prefix) net, IPAddress ip) =>
        net.Network.AddressFamily == ip.AddressFamily && Mask(ip, net.Prefix).Equals(net.Network);

    public static bool IsIPv6(string s) => ParseIp(s)?.AddressFamily == AddressFamily.InterNetworkV6;

    public static void ValidateIp(ErrorList errs, string field, string value)
    {
        if (ParseIp(value) is null) errs.Invalid(field, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }

    public static void ValidateCidr(ErrorList errs, string field, string value)
    {
        if (ParseCidr(value) is null) errs.Invalid(field, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    /// <summary>apimachinery ValidateNonSpecialIP: endpoints may not point at unspecified, loopback or link-local addresses.</summary>
    public static void ValidateNonSpecialIp(ErrorList errs, string field, string value)
    {
        var ip = ParseIp(value);
        if (ip is null)
        {
            errs.Invalid(field, value, "must be a valid IP address");
            return;
        }
        var b = ip.GetAddressBytes();
        var v4 = b.Length == 4;
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) errs.Invalid(field, value, $"may not be unspecified ({value})");
        if (IPAddress.IsLoopback(ip)) errs.Invalid(field, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        if (v4 ? b[0] == 169 && b[1] == 254 : ip.IsIPv6LinkLocal) errs.Invalid(field, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        if (v4 ? b[0] == 224 && b[1] == 0 && b[2] == 0 : b[0] == 0xff && (b[1] & 0x0f) == 2)
            errs.Invalid(field, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
    }
}
