// A question as `kinet dns query` takes it: the name (an IP address means its reverse name, as `dig -x`), the type,
// checked before anything is read (the search a pod's resolver makes is Kinet.Model.Dns.DnsAnalysis).
using System.Net;
using System.Net.Sockets;
using Kinet.Model.Dns;

namespace Kinet.Cli.Dns;

internal sealed record DnsQuestion(string Name, DnsType Type)
{
    public static DnsType ParseType(string? text, bool reverse)
    {
        if (text is null) return reverse ? DnsType.PTR : DnsType.A;
        if (Enum.TryParse<DnsType>(text, ignoreCase: true, out var type) && type != DnsType.OPT && !int.TryParse(text, out _)) return type;
        throw new CliException($"unknown DNS type \"{text}\" (one of {string.Join(", ", Enum.GetNames<DnsType>().Where(n => n != nameof(DnsType.OPT)))})");
    }

    /// <summary>The absolute (lower-case, trailing dot) name of <paramref name="name"/>; an address gives its
    /// in-addr.arpa or ip6.arpa name. Throws a one-line error for names DNS cannot carry.</summary>
    public static string Absolute(string name)
    {
        if (IPAddress.TryParse(name, out var ip) && !name.EndsWith('.')) return ReverseName(ip);
        var n = name.EndsWith('.') ? name : name + ".";
        if (n == ".") return n;
        if (n.Length > 254) throw new CliException($"the name \"{name}\" is longer than 253 characters");
        foreach (var label in n[..^1].Split('.'))
        {
            if (label.Length == 0) throw new CliException($"the name \"{name}\" has an empty label");
            if (label.Length > 63) throw new CliException($"the name \"{name}\" has a label longer than 63 characters");
        }
        return n.ToLowerInvariant();
    }

    public static string ReverseName(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
            return string.Join('.', bytes.Reverse().Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ".in-addr.arpa.";
        var nibbles = bytes.SelectMany(b => new[] { b >> 4, b & 0xF }).Reverse().Select(n => n.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('.', nibbles) + ".ip6.arpa.";
    }
}
