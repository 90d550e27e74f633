// An inclusive address range ("172.18.255.200-172.18.255.250"), the form a MetalLB pool is written in; a CIDR
// is accepted too and stands for all of its addresses.
namespace Kinet.Model.Networking;

public readonly record struct IPRange
{
    public IPRange(IP first, IP last)
    {
        if (first.IsV6 != last.IsV6) throw new ArgumentException($"{first} and {last} are of different families");
        if (last < first) throw new ArgumentException($"{first}-{last} is an empty range");
        First = first;
        Last = last;
    }

    public IP First { get; }

    public IP Last { get; }

    public static IPRange LoadBalancerDefault { get; } = Parse("172.18.255.200-172.18.255.250");

    /// <summary>Number of addresses; a whole IPv6 space saturates at UInt128.MaxValue.</summary>
    public UInt128 Count => Last.Value - First.Value == UInt128.MaxValue ? UInt128.MaxValue : Last.Value - First.Value + 1;

    public bool Contains(IP ip) => ip.IsV6 == First.IsV6 && ip >= First && ip <= Last;

    public static IPRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"invalid IP range: {text}");

    public static bool TryParse(string? text, out IPRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text.Contains('/'))
        {
            if (!Cidr.TryParse(text, out var cidr)) return false;
            range = new IPRange(cidr.Network, cidr.Last);
            return true;
        }
        var dash = text.IndexOf('-');
        if (dash < 0 || !IP.TryParse(text[..dash].Trim(), out var first) || !IP.TryParse(text[(dash + 1)..].Trim(), out var last) ||
            first.IsV6 != last.IsV6 || last < first) return false;
        range = new IPRange(first, last);
        return true;
    }

    public override string ToString() => $"{First}-{Last}";
}
