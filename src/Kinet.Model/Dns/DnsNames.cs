// Name helpers of the record logic (CoreDNS's plugin/pkg/dnsutil and miekg/dns equivalents): absolute names, zone
// matching on label boundaries, reverse-name decoding and strict address parsing (Go's net.ParseIP, not .NET's
// lenient IPAddress.TryParse, which would read "1" as 0.0.0.1).
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kinet.Model.Dns;

internal static class DnsNames
{
    /// <summary>The name with its trailing dot ("" is the root ".").</summary>
    public static string Fqdn(string name) => name.Length == 0 ? "." : name[^1] == '.' ? name : name + ".";

    /// <summary>Whether <paramref name="name"/> is <paramref name="zone"/> or below it (both absolute, case-insensitive).</summary>
    public static bool IsSubDomain(string zone, string name)
    {
        if (zone == ".") return true;
        if (name.Length < zone.Length) return false;
        if (!name.EndsWith(zone, StringComparison.OrdinalIgnoreCase)) return false;
        return name.Length == zone.Length || name[name.Length - zone.Length - 1] == '.';
    }

    /// <summary>The longest zone of <paramref name="zones"/> containing <paramref name="name"/>, or null (plugin.Zones.Matches).</summary>
    public static string? MatchZone(IReadOnlyList<string> zones, string name)
    {
        string? best = null;
        foreach (var z in zones)
            if (IsSubDomain(z, name) && (best is null || z.Length > best.Length)) best = z;
        return best;
    }

    /// <summary>The labels of <paramref name="name"/> left of <paramref name="zone"/> without the joining dot
    /// ("" at the apex) — dnsutil.TrimZone.</summary>
    public static string TrimZone(string name, string zone)
    {
        if (zone == ".") return name.Length <= 1 ? "" : name[..^1];
        var left = name.Length - zone.Length;
        return left <= 0 ? "" : name[..(left - 1)];
    }

    /// <summary>dns.SplitDomainName: no labels for "".</summary>
    public static string[] Split(string relative) => relative.Length == 0 ? [] : relative.Split('.');

    /// <summary>The address a reverse name spells (dnsutil.ExtractAddressFromReverse), or null.</summary>
    public static IPAddress? AddressFromReverse(string name)
    {
        const string v4 = ".in-addr.arpa.", v6 = ".ip6.arpa.";
        if (name.EndsWith(v4, StringComparison.OrdinalIgnoreCase))
        {
            var labels = name[..^v4.Length].Split('.');
            Array.Reverse(labels);
            return ParseV4(string.Join('.', labels));
        }
        if (name.EndsWith(v6, StringComparison.OrdinalIgnoreCase))
        {
            var labels = name[..^v6.Length].Split('.');
            if (labels.Length != 32) return null;
            Array.Reverse(labels);
            Span<byte> bytes = stackalloc byte[16];
            for (var i = 0; i < 32; i++)
            {
                if (labels[i].Length != 1 || !Uri.IsHexDigit(labels[i][0])) return null;
                var nibble = Convert.ToByte(labels[i], 16);
                bytes[i / 2] = (byte)(i % 2 == 0 ? nibble << 4 : bytes[i / 2] | nibble);
            }
            return new IPAddress(bytes);
        }
        return null;
    }

    /// <summary>Whether the name is in a reverse tree (dnsutil.IsReverse &gt; 0).</summary>
    public static bool IsReverse(string name) =>
        name.EndsWith(".in-addr.arpa.", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ip6.arpa.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Go's net.ParseIP: dotted-quad IPv4 (no leading zeros) or IPv6 text (no zone); else null.</summary>
    public static IPAddress? ParseIP(string text)
    {
        if (text.Contains(':'))
        {
            foreach (var c in text)
                if (!(Uri.IsHexDigit(c) || c == ':' || c == '.')) return null;
            return IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 ? a : null;
        }
        return ParseV4(text);
    }

    private static IPAddress? ParseV4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0')) return null;
            foreach (var c in p) if (c is < '0' or > '9') return null;
            var v = int.Parse(p, CultureInfo.InvariantCulture);
            if (v > 255) return null;
            bytes[i] = (byte)v;
        }
        return new IPAddress(bytes);
    }

    /// <summary>Go's IP.To4() != nil: IPv4, or IPv4-mapped IPv6 (then answered as A with the IPv4 address).</summary>
    public static IPAddress? AsV4(IPAddress ip) =>
        ip.AddressFamily == AddressFamily.InterNetwork ? ip : ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : null;
}
